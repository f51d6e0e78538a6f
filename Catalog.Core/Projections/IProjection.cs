using Catalog.Core.EventStore;
using Npgsql;

namespace Catalog.Core.Projections;

/// <summary>
/// An asynchronous projection run by <see cref="ProjectionDaemon"/>: it applies batches of events, in position order,
/// inside the transaction that also moves its checkpoint, so a crash replays at most the uncommitted batch.
/// </summary>
public interface IProjection
{
    /// <summary>The checkpoint name, with a version suffix (e.g. <c>lineage_edges_v1</c>).</summary>
    string Name { get; }

    /// <summary>
    /// The event types it reads, or null for all. The daemon then reads only these, and moves the checkpoint past the
    /// others without reading them.
    /// </summary>
    IReadOnlyCollection<string>? EventTypes => null;

    /// <summary>Applies a batch; must be idempotent per event because a batch can be replayed after a crash.</summary>
    Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        CancellationToken cancellationToken);

    /// <summary>Empties the projected state before a rebuild from position 0 (same transaction as the reset checkpoint).</summary>
    Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
