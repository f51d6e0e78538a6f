using System.Diagnostics;
using System.Threading.Channels;
using Catalog.Core.Observability;
using Microsoft.Extensions.Logging;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;
using RecordedEvent = Catalog.Core.EventStore.RecordedEvent;

namespace Catalog.Core.Projections;

/// <summary>
/// The batches of one projection: the live tables following the log, and, while a rebuild runs, the fresh tables
/// filling from position 0 beside them until a swap puts them in place. Each batch is one transaction that holds the
/// projection's checkpoint row (<c>SKIP LOCKED</c>: one node at a time works on a projection).
/// </summary>
internal sealed class ProjectionRunner(IProjection projection, NpgsqlDataSource dataSource, ProjectionDaemonOptions options, ILogger logger)
{
    // The swap holds the log head, so appends wait for it: it gives up rather than wait long for readers to finish.
    private const int SwapLockTimeoutMilliseconds = 2000;

    public IProjection Projection { get; } = projection;

    // One pending pulse is enough: a runner that wakes reads everything committed so far.
    public Channel<bool> Wakeup { get; } = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private long _lastProgressLog;

    /// <summary>
    /// Whether the checkpoint read by the last live batch showed a rebuild under way (or could not be read): only then
    /// is a rebuild batch worth its transaction.
    /// </summary>
    public bool RebuildMayRun { get; private set; } = true;

    /// <summary>Applies the next span of the log to the live tables; true when there is more to do.</summary>
    public async Task<bool> LiveBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpoint = await ProjectionCheckpoints.LockAsync(connection, transaction, Projection.Name, skipLocked: true, options.Lease, cancellationToken);
        RebuildMayRun = checkpoint is null or { Rebuilding: true };
        if (checkpoint is not { LiveRuns: true })
        {
            return false;
        }
        // The next span of up to BatchSize positions of the committed log: the head read here is committed, and so is
        // every position up to it (position order is commit order). The checkpoint moves to the end of the span even
        // where events are missing (purged) or of types the projection does not read.
        var head = await Store.CommittedHeadAsync(connection, transaction, cancellationToken);
        var end = Math.Min(head, checkpoint.Position + options.BatchSize);
        if (end <= checkpoint.Position)
        {
            CatalogMetrics.ProjectionAt(Projection.Name, checkpoint.Position, head);
            return false;
        }
        if (!await ApplyAsync(connection, transaction, checkpoint.Position, end, ProjectionTables.Live, checkpoint, cancellationToken))
        {
            return true;
        }
        await ProjectionCheckpoints.SaveAsync(connection, transaction, Projection.Name, end, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        CatalogMetrics.ProjectionAt(Projection.Name, end, head);
        return end - checkpoint.Position == options.BatchSize;
    }

    /// <summary>Fills the fresh tables with the next span, or swaps them in once they reached the head; true when there is more to do.</summary>
    public async Task<bool> RebuildBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var checkpoint = await ProjectionCheckpoints.LockAsync(connection, transaction, Projection.Name, skipLocked: true, options.Lease, cancellationToken);
        if (checkpoint is not { Rebuilding: true, RebuildPosition: { } from })
        {
            return false;
        }
        var head = await Store.CommittedHeadAsync(connection, transaction, cancellationToken);
        var end = Math.Min(head, from + options.RebuildBatchSize);
        if (end == from)
        {
            await SwapAsync(connection, transaction, from, checkpoint, cancellationToken);
            return false;
        }
        if (!await ApplyAsync(connection, transaction, from, end, ProjectionTables.Next, checkpoint, cancellationToken))
        {
            return false;
        }
        await ProjectionCheckpoints.SaveRebuildAsync(connection, transaction, Projection.Name, end, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogProgress(end, checkpoint.RebuildTarget);
        CatalogMetrics.RebuildAt(Projection.Name, end, checkpoint.RebuildTarget);
        return true;
    }

    // The fresh tables are at the committed head: hold the log head (no append can commit an event the swap would
    // miss, nor write an inline row into the table being replaced), apply what came meanwhile, swap, commit.
    private async Task SwapAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long from, Checkpoint checkpoint,
        CancellationToken cancellationToken)
    {
        await using (var hold = new NpgsqlCommand(
            $"SET LOCAL lock_timeout = {SwapLockTimeoutMilliseconds}; SELECT last_position FROM es.log_head WHERE id = 1 FOR UPDATE",
            connection, transaction))
        {
            var head = (long)(await hold.ExecuteScalarAsync(cancellationToken))!;
            if (head > from && !await ApplyAsync(connection, transaction, from, head, ProjectionTables.Next, checkpoint, cancellationToken))
            {
                return;
            }
            await TableSwap.SwapAsync(connection, transaction, Projection.Tables, cancellationToken);
            await ProjectionCheckpoints.FinishRebuildAsync(connection, transaction, Projection.Name, head, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            CatalogMetrics.RebuildAt(Projection.Name, null, null);
            logger.LogInformation("Projection {Projection}: rebuilt up to position {Position}; the fresh tables replaced the live ones",
                Projection.Name, head);
        }
    }

    // False when an event failed: the projection is then faulted at it (the transaction given is finished).
    private async Task<bool> ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, long after, long upTo,
        ProjectionTables tables, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        var events = await Store.ReadRangeAsync(connection, transaction, after, upTo, Projection.EventTypes, cancellationToken);
        if (events.Count == 0)
        {
            return true;
        }
        try
        {
            await Projection.ApplyAsync(connection, transaction, events, tables, cancellationToken);
            return true;
        }
        catch (Exception exception) when (IsEventFailure(exception, cancellationToken))
        {
            await transaction.RollbackAsync(cancellationToken);
            await IsolateFailureAsync(connection, checkpoint, events, tables, exception, cancellationToken);
            return false;
        }
    }

    /// <summary>
    /// The batch failed: replays it one event at a time (each behind a savepoint) to find the event that fails, keeps
    /// the events before it, and faults the projection at that event.
    /// </summary>
    private async Task IsolateFailureAsync(NpgsqlConnection connection, Checkpoint checkpoint, IReadOnlyList<RecordedEvent> events,
        ProjectionTables tables, Exception batchError, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ProjectionCheckpoints.LockAsync(connection, transaction, Projection.Name, skipLocked: true, options.Lease, cancellationToken) != checkpoint)
        {
            return;
        }
        var live = tables == ProjectionTables.Live;
        var position = live ? checkpoint.Position : checkpoint.RebuildPosition!.Value;
        foreach (var recorded in events)
        {
            await transaction.SaveAsync("event", cancellationToken);
            try
            {
                await Projection.ApplyAsync(connection, transaction, [recorded], tables, cancellationToken);
            }
            catch (Exception exception) when (IsEventFailure(exception, cancellationToken))
            {
                await transaction.RollbackAsync("event", cancellationToken);
                await ProjectionCheckpoints.FaultAsync(connection, transaction, Projection.Name, live ? position : checkpoint.Position,
                    $"{exception.GetType().FullName}: {exception.Message}", recorded.Position, live && checkpoint.Rebuilding, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogError(exception, "Projection {Projection}: faulted at position {Position} ({EventType} in {StreamId}); stopped until rebuilt",
                    Projection.Name, recorded.Position, recorded.Type, recorded.StreamId);
                return;
            }
            await transaction.ReleaseAsync("event", cancellationToken);
            position = recorded.Position;
        }
        logger.LogWarning(batchError, "Projection {Projection}: a batch of {Count} failed but each of its events applied alone",
            Projection.Name, events.Count);
        if (live)
        {
            await ProjectionCheckpoints.SaveAsync(connection, transaction, Projection.Name, position, cancellationToken);
        }
        else
        {
            await ProjectionCheckpoints.SaveRebuildAsync(connection, transaction, Projection.Name, position, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private void LogProgress(long position, long? target)
    {
        if (Stopwatch.GetElapsedTime(_lastProgressLog) < options.ProgressLogInterval)
        {
            return;
        }
        _lastProgressLog = Stopwatch.GetTimestamp();
        logger.LogInformation("Projection {Projection}: rebuilding, position {Position} of {Target} ({Percent:0.0} %)",
            Projection.Name, position, target, 100.0 * position / Math.Max(1, target ?? 1));
    }

    /// <summary>
    /// True when the projection itself failed on the events. Cancellation, timeouts and connection or transient
    /// server errors say nothing about the events, so they are retried instead.
    /// </summary>
    private static bool IsEventFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException or TimeoutException => false,
        NpgsqlException { IsTransient: true } => false,
        PostgresException { SqlState: "55P03" or "40P01" or "40001" or "25P03" } => false,
        NpgsqlException and not PostgresException => false,
        _ => !cancellationToken.IsCancellationRequested,
    };
}
