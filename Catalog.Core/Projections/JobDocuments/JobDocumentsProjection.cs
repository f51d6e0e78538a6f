using Catalog.Core.EventStore;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// The asynchronous side of the job documents: in steady state the inline path has already written every document,
/// so this only advances its checkpoint; after a reset it rebuilds them from position 0. A document is never moved
/// backwards: an event at or below the stored version (the inline path wrote it meanwhile) is skipped.
/// </summary>
public sealed class JobDocumentsProjection : IProjection
{
    public const string ProjectionName = "job_documents_v1";

    public string Name => ProjectionName;

    public async Task ApplyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<RecordedEvent> events,
        CancellationToken cancellationToken)
    {
        var jobEvents = events.Where(e => e.Type.StartsWith("job.", StringComparison.Ordinal)).ToArray();
        if (jobEvents.Length == 0)
        {
            return;
        }
        // In steady state the inline path has written every document already: compare versions before loading any.
        var stored = await JobDocumentWriter.LoadVersionsAsync(connection, transaction,
            jobEvents.Select(e => e.StreamId).Distinct().ToArray(), cancellationToken);
        jobEvents = jobEvents.Where(e => e.Version > stored.GetValueOrDefault(e.StreamId)).ToArray();
        if (jobEvents.Length == 0)
        {
            return;
        }
        var documents = await JobDocumentWriter.LoadAsync(connection, transaction,
            jobEvents.Select(e => e.StreamId).Distinct().ToArray(), cancellationToken);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in jobEvents)
        {
            documents.TryGetValue(e.StreamId, out var document);
            var storedVersion = (long?)document?["version"] ?? 0;
            if (e.Version <= storedVersion)
            {
                continue;
            }
            if (e.Version != storedVersion + 1)
            {
                document = await FoldStreamUpToAsync(connection, transaction, e.StreamId, e.Version - 1, cancellationToken);
            }
            documents[e.StreamId] = JobDocument.Apply(document, e.Version, e.Type, e.Data);
            changed.Add(e.StreamId);
        }
        await JobDocumentWriter.UpsertManyAsync(connection, transaction, changed.Select(uuid => documents[uuid]).ToList(), cancellationToken);
    }

    public async Task ResetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("TRUNCATE job_documents", connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A gap between the stored document and the event (the document was emptied mid-stream): fold from the stream.
    private static async Task<JObject?> FoldStreamUpToAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string streamId, long version, CancellationToken cancellationToken)
    {
        JObject? document = null;
        foreach (var e in await EventStore.EventStore.ReadStreamAsync(connection, transaction, streamId, cancellationToken))
        {
            if (e.Version > version)
            {
                break;
            }
            document = JobDocument.Apply(document, e.Version, e.Type, e.Data);
        }
        return document;
    }
}
