using Catalog.Core.EventStore;
using Npgsql;

namespace Catalog.Core.Projections;

/// <summary>
/// A projection run by <see cref="ProjectionDaemon"/>: a pure function of the event log kept in its own tables. It
/// applies batches of events, in position order, inside the transaction that also moves its checkpoint, so a crash
/// replays at most the uncommitted batch. A rebuild fills a fresh copy of its tables and swaps it in once caught up.
/// </summary>
public interface IProjection
{
    /// <summary>The checkpoint name, with a version suffix (e.g. <c>lineage_v1</c>).</summary>
    string Name { get; }

    /// <summary>The tables it owns; a rebuild creates each one's fresh copy like it, and swaps them all in at once.</summary>
    IReadOnlyList<string> Tables { get; }

    /// <summary>
    /// The event types it reads, or null for all. The daemon then reads only these, and moves the checkpoint past the
    /// others without reading them.
    /// </summary>
    IReadOnlyCollection<string>? EventTypes => null;

    /// <summary>Applies a batch; must be idempotent per event because a batch can be replayed after a crash.</summary>
    Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        ProjectionTables tables, CancellationToken cancellationToken);

    /// <summary>
    /// Removes everything the stream's events brought, in the transaction that purges them from the log, so the
    /// tables stay what a rebuild from the log would give.
    /// </summary>
    Task ForgetStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId, ProjectionTables tables,
        CancellationToken cancellationToken);
}
