using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Npgsql;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// The asynchronous side of the job documents. The live documents are written inline with every append
/// (<see cref="JobDocumentRow"/>), so on the live tables this only moves its checkpoint past events already written;
/// a rebuild folds every stream into a fresh table from position 0. A document never moves backwards: an event at or
/// below the stored version is skipped.
/// </summary>
public sealed class JobDocumentsProjection : IProjection
{
    public const string ProjectionName = "job_documents_v1";

    public string Name => ProjectionName;

    public IReadOnlyList<string> Tables { get; } = [JobDocumentWriter.Table, JobDocumentWriter.SearchTable];

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        var table = tables[JobDocumentWriter.Table];
        var jobEvents = events.Where(e => e.Type.StartsWith("job.", StringComparison.Ordinal)).ToArray();
        if (jobEvents.Length == 0)
        {
            return;
        }
        // In steady state the inline path has written every document already: compare versions before loading any.
        var stored = await JobDocumentWriter.LoadVersionsAsync(connection, transaction, table,
            jobEvents.Select(e => e.StreamId).Distinct().ToArray(), cancellationToken);
        jobEvents = jobEvents.Where(e => e.Version > stored.GetValueOrDefault(e.StreamId)).ToArray();
        if (jobEvents.Length == 0)
        {
            return;
        }
        var documents = await JobDocumentWriter.LoadAsync(connection, transaction, table,
            jobEvents.Select(e => e.StreamId).Distinct().ToArray(), cancellationToken);
        var states = documents.ToDictionary(d => d.Key, d => JobDocument.Read(d.Value), StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in jobEvents)
        {
            var state = states.GetValueOrDefault(e.StreamId) ?? JobState.Initial;
            if (e.Version <= state.Version)
            {
                continue;
            }
            if (e.Version != state.Version + 1)
            {
                // A gap between the stored document and the event (the document was emptied mid-stream): fold from the stream.
                state = await FoldStreamUpToAsync(connection, transaction, e.StreamId, e.Version - 1, cancellationToken);
            }
            states[e.StreamId] = JobState.Evolve(state, JobEventJson.DeserializeForState(e.Type, e.Data));
            changed.Add(e.StreamId);
        }
        await JobDocumentWriter.UpsertAsync(connection, transaction, table, tables[JobDocumentWriter.SearchTable],
            changed.Select(uuid => states[uuid]).ToList(), cancellationToken);
    }

    public async Task ForgetStreamAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string streamId,
        ProjectionTables tables, CancellationToken cancellationToken)
    {
        foreach (var table in Tables)
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {tables[table]} WHERE uuid = $1", connection, transaction);
            command.Parameters.AddWithValue(streamId);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<JobState> FoldStreamUpToAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string streamId, long version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT event_type, data::text FROM es.events WHERE stream_id = $1 AND version <= $2 ORDER BY version", connection, transaction);
        command.Parameters.AddWithValue(streamId);
        command.Parameters.AddWithValue(version);
        var state = JobState.Initial;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            state = JobState.Evolve(state, JobEventJson.DeserializeForState(reader.GetString(0), reader.GetString(1)));
        }
        return state;
    }
}
