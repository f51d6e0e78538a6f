using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Core.Projections;

/// <summary>
/// Runs every registered <see cref="IProjection"/> after the event log (anchors/event-store.md §5.4): one loop per
/// projection, its batches run by a <see cref="ProjectionRunner"/>. Transient database errors are retried with
/// back-off; an event the projection cannot apply faults the projection at that event, which is never skipped.
/// Rebuilds fill fresh tables beside the live ones, which readers keep using until the fresh ones are swapped in.
/// </summary>
public sealed class ProjectionDaemon
{
    private static readonly TimeSpan WaitPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly ProjectionDaemonOptions _options;
    private readonly Dictionary<string, ProjectionRunner> _runners;
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
        _runners = new Dictionary<string, ProjectionRunner>(StringComparer.Ordinal);
        foreach (var projection in projections)
        {
            if (!_runners.TryAdd(projection.Name, new ProjectionRunner(projection, dataSource, _options, logger)))
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
    /// Starts filling fresh copies of a projection's tables from position 0; once they reach the head they replace the
    /// live tables in one commit, and until then readers use the live ones. A rebuild started again begins afresh.
    /// Also the way to restart a faulted projection once its code is fixed. Returns the rebuild target (the head now).
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
        await ProjectionCheckpoints.EnsureAsync(connection, transaction, name, cancellationToken);
        await ProjectionCheckpoints.LockAsync(connection, transaction, name, skipLocked: false, _options.Lease, cancellationToken);
        await TableSwap.CreateNextAsync(connection, transaction, runner.Projection.Tables, cancellationToken);
        await using var start = new NpgsqlCommand("""
            UPDATE es.projections SET status = 'rebuilding', rebuild_position = 0,
                rebuild_target = (SELECT last_position FROM es.log_head WHERE id = 1), updated_at = now(),
                last_error = CASE WHEN status = 'faulted' THEN last_error END,
                error_position = CASE WHEN status = 'faulted' THEN error_position END
            WHERE name = $1 RETURNING rebuild_target
            """, connection, transaction);
        start.Parameters.AddWithValue(name);
        var target = (long)(await start.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        _logger.LogInformation("Projection {Projection}: rebuilding into fresh tables from 0 to position {Target}", name, target);
        runner.Wakeup.Writer.TryWrite(true);
        return target;
    }

    /// <summary>
    /// Removes what a purged stream brought from every projection's tables (live, and fresh ones of a rebuild), in the
    /// purge's transaction. Takes every checkpoint first, so no batch in flight can write the stream's rows back.
    /// </summary>
    public async Task ForgetStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId,
        CancellationToken cancellationToken)
    {
        foreach (var name in _runners.Keys.Order(StringComparer.Ordinal))
        {
            await ProjectionCheckpoints.EnsureAsync(connection, transaction, name, cancellationToken);
            var checkpoint = await ProjectionCheckpoints.LockAsync(connection, transaction, name, skipLocked: false, _options.Lease, cancellationToken);
            var projection = _runners[name].Projection;
            await projection.ForgetStreamAsync(connection, transaction, streamId, ProjectionTables.Live, cancellationToken);
            if (checkpoint is { Rebuilding: true })
            {
                await projection.ForgetStreamAsync(connection, transaction, streamId, ProjectionTables.Next, cancellationToken);
            }
        }
        // The checkpoint locks above may switch off the WAL-flush wait of this (the purge's) transaction: switch it on.
        await using var durable = new NpgsqlCommand("SET LOCAL synchronous_commit TO on", connection, transaction);
        await durable.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Every registered projection's checkpoint, status and the log head, in one snapshot.</summary>
    public async Task<IReadOnlyList<ProjectionStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT h.last_position, p.name, p.position, p.status, p.rebuild_target, p.last_error, p.error_position, p.updated_at,
                p.rebuild_position
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
                        reader.GetFieldValue<DateTimeOffset>(7), reader.IsDBNull(8) ? null : reader.GetInt64(8));
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
    /// Waits until every registered projection has applied the log up to <paramref name="position"/> to the tables
    /// readers use, e.g. the <c>LastPosition</c> of an append. Faulted projections are not waited for.
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

    /// <summary>Waits until a rebuild of <paramref name="name"/> has swapped its fresh tables in.</summary>
    /// <exception cref="TimeoutException">Not finished in time.</exception>
    /// <exception cref="InvalidOperationException">The projection faulted.</exception>
    public async Task WaitForRebuildAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var status = (await GetStatusAsync(cancellationToken)).Single(s => s.Name == name);
            if (status.Status == ProjectionStatus.Faulted)
            {
                throw new InvalidOperationException($"Projection {name} is faulted at position {status.ErrorPosition}: {status.LastError}");
            }
            if (status.Status == ProjectionStatus.Running)
            {
                return;
            }
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                throw new TimeoutException($"Projection {name} did not finish rebuilding within {timeout.TotalSeconds:0.###} s ({status.RebuildPosition}/{status.RebuildTarget}).");
            }
            await Task.Delay(WaitPollInterval, cancellationToken);
        }
    }

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
            if (statuses.All(s => s.Status == ProjectionStatus.Faulted || (s.Position >= position && (s.Status != ProjectionStatus.Rebuilding || s.ErrorPosition is null))))
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

    private async Task RunLoopAsync(ProjectionRunner runner, CancellationToken cancellationToken)
    {
        var name = runner.Projection.Name;
        var failures = 0;
        var started = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool moreToDo;
            try
            {
                if (!started)
                {
                    await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                    await ProjectionCheckpoints.EnsureAsync(connection, null, name, cancellationToken);
                    started = true;
                }
                moreToDo = await runner.LiveBatchAsync(cancellationToken);
                moreToDo |= runner.RebuildMayRun && await runner.RebuildBatchAsync(cancellationToken);
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
            if (!moreToDo && !await SleepAsync(runner, _options.IdlePollInterval, _options.WakeCoalescing, cancellationToken))
            {
                break;
            }
        }
        _logger.LogDebug("Projection {Projection}: runner stopped", name);
    }

    /// <summary>Sleeps until <see cref="Notify"/> (then a little longer, to gather) or the delay; false once cancelled.</summary>
    private static async Task<bool> SleepAsync(ProjectionRunner runner, TimeSpan delay, TimeSpan coalescing, CancellationToken cancellationToken)
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
}
