using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;
using RecordedEvent = Catalog.Core.EventStore.RecordedEvent;

namespace Catalog.Core.Projections;

/// <summary>
/// Runs every registered <see cref="IProjection"/> after the event log (anchors/event-store.md §5.4): one loop per
/// projection, each batch one transaction that locks the projection's checkpoint row with <c>SKIP LOCKED</c> (so one
/// node at a time works on a projection, without session locks or idle transactions), applies the events and moves
/// the checkpoint. Transient database errors are retried with back-off; an event the projection cannot apply faults
/// the projection at that event, which is never skipped.
/// </summary>
public sealed class ProjectionDaemon
{
    private static readonly TimeSpan WaitPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly ProjectionDaemonOptions _options;
    private readonly Dictionary<string, Runner> _runners;
    private int _running;

    public ProjectionDaemon(NpgsqlDataSource dataSource, IEnumerable<IProjection> projections, ILogger logger,
        ProjectionDaemonOptions? options = null)
    {
        _dataSource = dataSource;
        _logger = logger;
        _options = options ?? new ProjectionDaemonOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.RebuildBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.IdlePollInterval, TimeSpan.Zero);
        _runners = new Dictionary<string, Runner>(StringComparer.Ordinal);
        foreach (var projection in projections)
        {
            if (!_runners.TryAdd(projection.Name, new Runner(projection)))
            {
                throw new ArgumentException($"Two projections are named {projection.Name}.", nameof(projections));
            }
        }
    }

    /// <summary>The names of the registered projections.</summary>
    public IReadOnlyCollection<string> Names => _runners.Keys;

    /// <summary>Wakes the runners after an append; cheap, never blocks. Runners also poll, so a missed call only delays.</summary>
    public void Notify()
    {
        foreach (var runner in _runners.Values)
        {
            runner.Wakeup.Writer.TryWrite(true);
        }
    }

    /// <summary>Runs one loop per projection until <paramref name="cancellationToken"/> is cancelled, then returns.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException("The projection daemon is already running.");
        }
        try
        {
            await Task.WhenAll(_runners.Values.Select(runner => Task.Run(() => RunLoopAsync(runner, cancellationToken), CancellationToken.None)));
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// Empties a projection and replays it from position 0 up to the head of now, then it follows the head again. The
    /// reset waits for a batch in flight anywhere and commits with the checkpoint, so readers never see a half reset.
    /// Also the way to restart a faulted projection once its code is fixed. Returns the rebuild target.
    /// </summary>
    public async Task<long> RebuildAsync(string name, CancellationToken cancellationToken)
    {
        if (!_runners.TryGetValue(name, out var runner))
        {
            throw new ArgumentException($"No projection is named {name}.", nameof(name));
        }
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The daemon's connections may commit without waiting for the WAL flush; a rebuild, once answered, must stay.
        await using (var durable = new NpgsqlCommand("SET LOCAL synchronous_commit TO on", connection, transaction))
        {
            await durable.ExecuteNonQueryAsync(cancellationToken);
        }
        await EnsureCheckpointAsync(connection, transaction, name, cancellationToken);
        await LockCheckpointAsync(connection, transaction, name, skipLocked: false, cancellationToken);
        await runner.Projection.ResetAsync(connection, transaction, cancellationToken);
        await using var reset = new NpgsqlCommand("""
            UPDATE es.projections SET position = 0, status = 'rebuilding', last_error = NULL, error_position = NULL,
                rebuild_target = (SELECT last_position FROM es.log_head WHERE id = 1), updated_at = now()
            WHERE name = $1 RETURNING rebuild_target
            """, connection, transaction);
        reset.Parameters.AddWithValue(name);
        var target = (long)(await reset.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        _logger.LogInformation("Projection {Projection}: rebuilding from 0 to position {Target}", name, target);
        runner.Wakeup.Writer.TryWrite(true);
        return target;
    }

    /// <summary>Every registered projection's checkpoint, status and the log head, in one snapshot.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT h.last_position, p.name, p.position, p.status, p.rebuild_target, p.last_error, p.error_position, p.updated_at
            FROM es.log_head h LEFT JOIN es.projections p ON p.name = ANY($1)
            WHERE h.id = 1
            """);
        command.Parameters.AddWithValue(_runners.Keys.ToArray());
        var head = 0L;
        var rows = new Dictionary<string, ProjectionStatus>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                head = reader.GetInt64(0);
                if (!reader.IsDBNull(1))
                {
                    rows[reader.GetString(1)] = new ProjectionStatus(reader.GetString(1), reader.GetInt64(2), head,
                        reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                        reader.GetFieldValue<DateTimeOffset>(7));
                }
            }
        }
        return _runners.Keys
            .Select(name => rows.TryGetValue(name, out var row)
                ? row
                : new ProjectionStatus(name, 0, head, ProjectionStatus.Running, null, null, null, null))
            .ToArray();
    }

    /// <summary>
    /// Waits until every registered projection has applied the log up to <paramref name="position"/>, e.g. the
    /// <c>LastPosition</c> of an append. Faulted projections are not waited for: they do not move until rebuilt.
    /// </summary>
    /// <exception cref="TimeoutException">Not reached in time; the message lists the checkpoints.</exception>
    public Task WaitForPositionAsync(long position, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitAsync(_runners.Keys, position, failIfFaulted: false, timeout, cancellationToken);

    /// <summary>Waits until one projection has applied the log up to <paramref name="position"/>.</summary>
    /// <exception cref="TimeoutException">Not reached in time.</exception>
    /// <exception cref="InvalidOperationException">The projection is faulted, so it would never get there.</exception>
    public Task WaitForPositionAsync(string name, long position, TimeSpan timeout, CancellationToken cancellationToken) =>
        _runners.ContainsKey(name)
            ? WaitAsync([name], position, failIfFaulted: true, timeout, cancellationToken)
            : throw new ArgumentException($"No projection is named {name}.", nameof(name));

    private async Task WaitAsync(IReadOnlyCollection<string> names, long position, bool failIfFaulted, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var statuses = (await GetStatusAsync(cancellationToken)).Where(s => names.Contains(s.Name)).ToArray();
            if (failIfFaulted && statuses.FirstOrDefault(s => s.Status == ProjectionStatus.Faulted) is { } faulted)
            {
                throw new InvalidOperationException(
                    $"Projection {faulted.Name} is faulted at position {faulted.ErrorPosition}: {faulted.LastError}");
            }
            if (statuses.All(s => s.Status == ProjectionStatus.Faulted || s.Position >= position))
            {
                return;
            }
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                var checkpoints = string.Join(", ", statuses.Select(s => $"{s.Name}={s.Position} ({s.Status})"));
                throw new TimeoutException(
                    $"Projections did not reach position {position} within {timeout.TotalSeconds:0.###} s (head {statuses.FirstOrDefault()?.Head}): {checkpoints}.");
            }
            await Task.Delay(WaitPollInterval, cancellationToken);
        }
    }

    private async Task RunLoopAsync(Runner runner, CancellationToken cancellationToken)
    {
        var name = runner.Projection.Name;
        var failures = 0;
        var started = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            Outcome outcome;
            try
            {
                if (!started)
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                    await EnsureCheckpointAsync(connection, null, name, cancellationToken);
                    started = true;
                }
                outcome = await RunBatchAsync(runner, cancellationToken);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // Anything but a failing event (those fault the projection inside the batch) is the database or the
                // network: nothing was committed, so the batch is simply tried again.
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(failures, 20))));
                _logger.LogWarning(exception, "Projection {Projection}: batch failed ({Failures} in a row), retrying in {Delay}",
                    name, failures, delay);
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                continue;
            }
            if (outcome != Outcome.MoreToDo && !await SleepAsync(runner, _options.IdlePollInterval, _options.WakeCoalescing, cancellationToken))
            {
                break;
            }
        }
        _logger.LogDebug("Projection {Projection}: runner stopped", name);
    }

    private async Task<Outcome> RunBatchAsync(Runner runner, CancellationToken cancellationToken)
    {
        var projection = runner.Projection;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpoint = await LockCheckpointAsync(connection, transaction, projection.Name, skipLocked: true, cancellationToken);
        if (checkpoint is null)
        {
            return Outcome.Idle;
        }
        if (checkpoint.Status is not (ProjectionStatus.Running or ProjectionStatus.Rebuilding))
        {
            // Faulted or paused: parked until a rebuild (or an operator) sets it running again.
            return Outcome.Idle;
        }
        var limit = checkpoint.Status == ProjectionStatus.Rebuilding ? _options.RebuildBatchSize : _options.BatchSize;
        // The next span of up to `limit` positions of the committed log: the head read here is committed, and so is
        // every position up to it (position order is commit order). The checkpoint moves to the end of the span even
        // where events are missing (purged) or of types the projection does not read.
        var head = await Store.CommittedHeadAsync(connection, transaction, cancellationToken);
        var end = Math.Min(head, checkpoint.Position + limit);
        if (end <= checkpoint.Position)
        {
            if (checkpoint.Status == ProjectionStatus.Rebuilding && checkpoint.Position >= checkpoint.RebuildTarget)
            {
                await SaveCheckpointAsync(connection, transaction, runner, checkpoint, checkpoint.Position, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return Outcome.Idle;
        }
        var events = await Store.ReadRangeAsync(connection, transaction, checkpoint.Position, end, projection.EventTypes, cancellationToken);
        if (events.Count > 0)
        {
            try
            {
                await projection.ApplyAsync(connection, transaction, events, cancellationToken);
            }
            catch (Exception exception) when (IsEventFailure(exception, cancellationToken))
            {
                await transaction.RollbackAsync(cancellationToken);
                return await IsolateFailureAsync(connection, runner, checkpoint, events, exception, cancellationToken);
            }
        }
        await SaveCheckpointAsync(connection, transaction, runner, checkpoint, end, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return end - checkpoint.Position == limit ? Outcome.MoreToDo : Outcome.Idle;
    }

    /// <summary>
    /// The batch failed: replays it one event at a time (each behind a savepoint) to find the event that fails, keeps
    /// the events before it, and faults the projection at that event.
    /// </summary>
    private async Task<Outcome> IsolateFailureAsync(NpgsqlConnection connection, Runner runner, Checkpoint checkpoint,
        IReadOnlyList<RecordedEvent> events, Exception batchError, CancellationToken cancellationToken)
    {
        var name = runner.Projection.Name;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockCheckpointAsync(connection, transaction, name, skipLocked: true, cancellationToken) != checkpoint)
        {
            return Outcome.MoreToDo;
        }
        var position = checkpoint.Position;
        foreach (var recorded in events)
        {
            await transaction.SaveAsync("event", cancellationToken);
            try
            {
                await runner.Projection.ApplyAsync(connection, transaction, [recorded], cancellationToken);
            }
            catch (Exception exception) when (IsEventFailure(exception, cancellationToken))
            {
                await transaction.RollbackAsync("event", cancellationToken);
                await using var fault = new NpgsqlCommand("""
                    UPDATE es.projections SET position = $2, status = 'faulted', last_error = $3, error_position = $4, updated_at = now()
                    WHERE name = $1
                    """, connection, transaction);
                fault.Parameters.AddWithValue(name);
                fault.Parameters.AddWithValue(position);
                fault.Parameters.AddWithValue($"{exception.GetType().FullName}: {exception.Message}");
                fault.Parameters.AddWithValue(recorded.Position);
                await fault.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                _logger.LogError(exception, "Projection {Projection}: faulted at position {Position} ({EventType} in {StreamId}); stopped until rebuilt",
                    name, recorded.Position, recorded.Type, recorded.StreamId);
                return Outcome.Idle;
            }
            await transaction.ReleaseAsync("event", cancellationToken);
            position = recorded.Position;
        }
        _logger.LogWarning(batchError, "Projection {Projection}: a batch of {Count} failed but each of its events applied alone", name, events.Count);
        await SaveCheckpointAsync(connection, transaction, runner, checkpoint, position, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.MoreToDo;
    }

    private async Task SaveCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Runner runner,
        Checkpoint checkpoint, long position, CancellationToken cancellationToken)
    {
        await using var save = new NpgsqlCommand("""
            UPDATE es.projections SET position = $2, updated_at = now(),
                status = CASE WHEN status = 'rebuilding' AND $2 >= coalesce(rebuild_target, 0) THEN 'running' ELSE status END
            WHERE name = $1 RETURNING status
            """, connection, transaction);
        save.Parameters.AddWithValue(runner.Projection.Name);
        save.Parameters.AddWithValue(position);
        var status = (string)(await save.ExecuteScalarAsync(cancellationToken))!;
        if (checkpoint.Status != ProjectionStatus.Rebuilding)
        {
            return;
        }
        if (status == ProjectionStatus.Running)
        {
            _logger.LogInformation("Projection {Projection}: rebuilt up to position {Position}", runner.Projection.Name, position);
        }
        else if (Stopwatch.GetElapsedTime(runner.LastProgressLog) >= _options.ProgressLogInterval)
        {
            runner.LastProgressLog = Stopwatch.GetTimestamp();
            _logger.LogInformation("Projection {Projection}: rebuilding, position {Position} of {Target} ({Percent:0.0} %)",
                runner.Projection.Name, position, checkpoint.RebuildTarget, 100.0 * position / Math.Max(1, checkpoint.RebuildTarget ?? 1));
        }
    }

    private static async Task EnsureCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string name,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            "INSERT INTO es.projections (name) VALUES ($1) ON CONFLICT DO NOTHING", connection, transaction);
        insert.Parameters.AddWithValue(name);
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Locks the checkpoint row; null when another transaction holds it and <paramref name="skipLocked"/>.</summary>
    private static async Task<Checkpoint?> LockCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string name, bool skipLocked, CancellationToken cancellationToken)
    {
        // The checkpoint can always be replayed, so its commit need not wait for the WAL flush (§5.1).
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                new NpgsqlBatchCommand($"SELECT position, status, rebuild_target FROM es.projections WHERE name = $1 FOR UPDATE{(skipLocked ? " SKIP LOCKED" : "")}")
                {
                    Parameters = { new NpgsqlParameter { Value = name } },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new Checkpoint(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2))
            : null;
    }

    /// <summary>
    /// True when the projection itself failed on the events. Cancellation, timeouts and connection or transient
    /// server errors say nothing about the events, so they are retried instead.
    /// </summary>
    private static bool IsEventFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException or TimeoutException => false,
        NpgsqlException { IsTransient: true } => false,
        NpgsqlException and not PostgresException => false,
        _ => !cancellationToken.IsCancellationRequested,
    };

    /// <summary>Sleeps until <see cref="Notify"/> (then a little longer, to gather) or the delay; false once cancelled.</summary>
    private static async Task<bool> SleepAsync(Runner runner, TimeSpan delay, TimeSpan coalescing, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(delay);
        try
        {
            await runner.Wakeup.Reader.WaitToReadAsync(timeout.Token);
            if (coalescing > TimeSpan.Zero)
            {
                await Task.Delay(coalescing, cancellationToken);
            }
            runner.Wakeup.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            // The delay ran out, or the daemon is stopping: the caller tells them apart.
        }
        return !cancellationToken.IsCancellationRequested;
    }

    private enum Outcome
    {
        MoreToDo,
        Idle,
    }

    private sealed record Checkpoint(long Position, string Status, long? RebuildTarget);

    private sealed class Runner(IProjection projection)
    {
        public IProjection Projection { get; } = projection;

        // One pending pulse is enough: a runner that wakes reads everything committed so far.
        public Channel<bool> Wakeup { get; } = Channel.CreateBounded<bool>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

        public long LastProgressLog { get; set; }
    }
}
