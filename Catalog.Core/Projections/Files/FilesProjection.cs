using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Npgsql;

namespace Catalog.Core.Projections.Files;

/// <summary>
/// The files of indexed job outputs. <c>job.files_indexed.v1</c> upserts one record per file and job (merged as
/// <see cref="FileRow.Merge"/> says); <c>job.hidden.v1</c> / <c>job.restored.v1</c> hide and show a job's records;
/// <c>job.archive_cleared.v1</c> marks the records of files in the cleared folder as removed, and so does
/// <c>storage.files_removed.v1</c>, the same clearing carried out of a purged job's stream. The <c>files</c> view
/// is then recomputed for every file touched. Replaying events gives the same rows, so a replayed batch is harmless.
/// </summary>
public sealed class FilesProjection : IProjection
{
    public const string ProjectionName = "files_v2";

    public string Name => ProjectionName;

    public IReadOnlyList<string> Tables { get; } = [FilesWriter.Records, FilesWriter.HiddenJobs, FilesWriter.Files];

    public IReadOnlyCollection<string> EventTypes { get; } =
        [JobEventTypes.FilesIndexed, JobEventTypes.Hidden, JobEventTypes.Restored, JobEventTypes.ArchiveCleared, ArchiveRemoval.EventType];

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        var writer = new FilesWriter(connection, transaction, tables);
        // Consecutive file events are merged into one upsert; any other event writes them first so facts keep their order.
        var pending = new Dictionary<(string, string), FileRow>();
        foreach (var recorded in events)
        {
            // A clearing carried out of a purged stream is not a job event; it marks files as the job's clearing did.
            var carried = recorded.Type == ArchiveRemoval.EventType ? ArchiveRemoval.Deserialize(recorded.Data) : null;
            var @event = carried is null ? JobEventJson.Deserialize(recorded.Type, recorded.Data) : null;
            if (@event is JobEvent.FilesIndexed indexed)
            {
                foreach (var file in indexed.Files)
                {
                    var row = new FileRow(file, recorded.StreamId, indexed.At, recorded.Position);
                    var key = (file.Uuid, recorded.StreamId);
                    pending[key] = pending.TryGetValue(key, out var earlier) ? FileRow.Merge(earlier, row) : row;
                }
                continue;
            }
            await writer.UpsertAsync(pending.Values, cancellationToken);
            pending.Clear();
            if ((carried ?? (@event is JobEvent.ArchiveCleared cleared ? ArchiveRemoval.Of(cleared, recorded.Position) : null)) is { } removal)
            {
                await writer.MarkRemovedAsync(removal.ArchiveSystem, removal.ArchivePath, removal.At, removal.BeforePosition, cancellationToken);
            }
            else if (@event is JobEvent.Hidden or JobEvent.Restored)
            {
                await writer.SetHiddenAsync(recorded.StreamId, @event is JobEvent.Hidden, cancellationToken);
            }
        }
        await writer.UpsertAsync(pending.Values, cancellationToken);
        await writer.RefreshViewAsync(cancellationToken);
    }

    public async Task ForgetStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        var writer = new FilesWriter(connection, transaction, tables);
        await writer.ForgetJobAsync(streamId, cancellationToken);
        await writer.RefreshViewAsync(cancellationToken);
    }
}
