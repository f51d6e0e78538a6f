using Catalog.Core.EventStore;
using Npgsql;

namespace Catalog.Core.Projections.Lineage;

/// <summary>The lineage edges of every job, projected from its events.</summary>
public sealed class LineageProjection : IProjection
{
    public const string ProjectionName = "lineage_v1";

    public string Name => ProjectionName;

    public Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE lineage_edges", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
