using Catalog.Core.EventStore;
using Npgsql;

namespace Catalog.Core.Projections.Files;

/// <summary>The file records of indexed job outputs, projected from job.files_indexed events.</summary>
public sealed class FilesProjection : IProjection
{
    public const string ProjectionName = "files_v1";

    public string Name => ProjectionName;

    public Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE files", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
