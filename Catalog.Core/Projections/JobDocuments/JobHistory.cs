using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// A job's history (http-api.md): one entry per state-machine event, in version order. It is read from the job's own
/// events rather than stored in the document: the event log already holds every entry once, in order.
/// </summary>
public static class JobHistory
{
    // Admin actions, indexing and OpenLineage reports leave no history entry (as in python-datacatalog's job documents).
    private static readonly string[] WithoutEntry = [JobEventTypes.Hidden, JobEventTypes.Restored, JobEventTypes.TokenRotated, JobEventTypes.Joined,
        JobEventTypes.Blocked, JobEventTypes.Unblocked,
        JobEventTypes.FilesIndexed, JobEventTypes.LineageReported];

    /// <summary>The entry an event adds to the history, or null for events that add none.</summary>
    public static JObject? Entry(string jobUuid, long version, JobEvent @event) => @event switch
    {
        JobEvent.Created created => Entry(jobUuid, version, @event.At, "create", created.Spec.Data.DeepClone()),
        JobEvent.Progressed progressed => Entry(jobUuid, version, @event.At, progressed.SentName, progressed.Data?.DeepClone()),
        _ => null,
    };

    /// <summary>The history of a job up to a version (empty when it has no events).</summary>
    public static async Task<JArray> ReadAsync(NpgsqlConnection connection, string jobUuid, long upToVersion,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT version, event_type, data::text FROM es.events
            WHERE stream_id = $1 AND version <= $2 AND event_type <> ALL($3) ORDER BY version
            """, connection);
        command.Parameters.AddWithValue(jobUuid);
        command.Parameters.AddWithValue(upToVersion);
        command.Parameters.AddWithValue(WithoutEntry);
        var history = new JArray();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var version = reader.GetInt64(0);
            if (Entry(jobUuid, version, JobEventJson.Deserialize(reader.GetString(1), reader.GetString(2))) is { } entry)
            {
                history.Add(entry);
            }
        }
        return history;
    }

    /// <summary>A copy of the document with the history in its place (after <c>last_event</c>, as python-datacatalog has it).</summary>
    public static JObject Compose(JObject document, JArray history)
    {
        var doc = (JObject)document.DeepClone();
        if (doc.Property("last_event") is { } lastEvent)
        {
            lastEvent.AddAfterSelf(new JProperty("history", history));
        }
        else
        {
            doc["history"] = history;
        }
        return doc;
    }

    private static JObject Entry(string jobUuid, long version, DateTimeOffset at, string name, JToken? data) => new()
    {
        ["uuid"] = JobDocument.EventUuid(jobUuid, version),
        ["date"] = JobEventJson.FormatTime(at),
        ["name"] = name,
        ["data"] = data,
    };
}
