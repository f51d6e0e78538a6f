using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Npgsql;

namespace Catalog.Core.Projections.Files;

/// <summary>
/// The file records of indexed job outputs, projected from <c>job.files_indexed.v1</c> (upserted, re-indexing merges
/// as <see cref="FileRow.Merge"/> says) and <c>job.hidden.v1</c> / <c>job.restored.v1</c> (the job's files follow
/// it). Replaying events gives the same rows, so a replayed batch is harmless.
/// </summary>
public sealed class FilesProjection : IProjection
{
    public const string ProjectionName = "files_v1";

    public string Name => ProjectionName;

    public IReadOnlyCollection<string> EventTypes { get; } = [JobEventTypes.FilesIndexed, JobEventTypes.Hidden, JobEventTypes.Restored];

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        CancellationToken cancellationToken)
    {
        // Consecutive file events are merged into one upsert; a hide or restore in between flushes them first so the
        // order of facts is kept.
        var pending = new Dictionary<string, FileRow>(StringComparer.Ordinal);
        foreach (var recorded in events)
        {
            switch (recorded.Type)
            {
                case JobEventTypes.FilesIndexed:
                    Collect(pending, recorded);
                    break;
                case JobEventTypes.Hidden or JobEventTypes.Restored:
                    await FilesWriter.UpsertAsync(connection, transaction, pending.Values, cancellationToken);
                    pending.Clear();
                    await FilesWriter.SetHiddenAsync(connection, transaction, recorded.StreamId, recorded.Type == JobEventTypes.Hidden,
                        cancellationToken);
                    break;
            }
        }
        await FilesWriter.UpsertAsync(connection, transaction, pending.Values, cancellationToken);
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE files", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Adds the files of one <c>job.files_indexed.v1</c> event to the rows to write, merging repeats.</summary>
    public static void Collect(IDictionary<string, FileRow> rows, RecordedEvent recorded)
    {
        var indexed = (JobEvent.FilesIndexed)JobEventJson.Deserialize(recorded.Type, recorded.Data);
        foreach (var file in indexed.Files)
        {
            var row = new FileRow(file, recorded.StreamId, indexed.At);
            rows[file.Uuid] = rows.TryGetValue(file.Uuid, out var earlier) ? FileRow.Merge(earlier, row) : row;
        }
    }
}
