using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>Writes and reads job-document rows; the history is stored beside the document so lists stay light.</summary>
public static class JobDocumentWriter
{
    /// <summary>Upserts documents in one statement (group commits and projection batches).</summary>
    public static async Task UpsertManyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<JObject> documents,
        CancellationToken cancellationToken)
    {
        if (documents.Count == 0)
        {
            return;
        }
        var histories = documents.Select(d => (d["history"] ?? new JArray()).ToString(Formatting.None)).ToArray();
        var bodies = documents.Select(d =>
        {
            var withoutHistory = (JObject)d.DeepClone();
            withoutHistory.Remove("history");
            return withoutHistory.ToString(Formatting.None);
        }).ToArray();
        await using var command = new NpgsqlCommand("""
            INSERT INTO job_documents (uuid, pipeline_uuid, state, child_of, deleted, version, created, updated, document, history)
            SELECT d.uuid, d.pipeline_uuid, d.state, string_to_array(d.child_of, ' '), d.deleted, d.version, d.created, d.updated,
                d.document::json, d.history::json
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::bigint[], $7::timestamptz[], $8::timestamptz[],
                $9::text[], $10::text[]) AS d(uuid, pipeline_uuid, state, child_of, deleted, version, created, updated, document, history)
            ON CONFLICT (uuid) DO UPDATE SET state = EXCLUDED.state, child_of = EXCLUDED.child_of, deleted = EXCLUDED.deleted,
                version = EXCLUDED.version, updated = EXCLUDED.updated, document = EXCLUDED.document, history = EXCLUDED.history
            """, connection, transaction);
        command.Parameters.AddWithValue(documents.Select(d => (string)d["uuid"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (string)d["pipeline_uuid"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (string)d["state"]!).ToArray());
        // child_of holds typed UUIDs, which never contain spaces, so a space-joined text survives the array round trip.
        command.Parameters.AddWithValue(documents.Select(d => string.Join(' ', ((JArray)d["child_of"]!).Select(t => (string)t!))).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (bool)d["deleted"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (long)d["version"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => Time(d["created"])).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => Time(d["updated"])).ToArray());
        command.Parameters.AddWithValue(bodies);
        command.Parameters.AddWithValue(histories);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Loads documents (with history) by job UUID; missing ones are simply absent from the result.</summary>
    public static async Task<Dictionary<string, JObject>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<string> uuids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT uuid, document::text, history::text FROM job_documents WHERE uuid = ANY($1)", connection, transaction);
        command.Parameters.AddWithValue(uuids.ToArray());
        var documents = new Dictionary<string, JObject>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents[reader.GetString(0)] = Compose(reader.GetString(1), reader.GetString(2));
        }
        return documents;
    }

    /// <summary>The stored document with its history put back in place.</summary>
    public static JObject Compose(string document, string? history)
    {
        var doc = (JObject)Identifiers.PythonJson.Parse(document);
        if (history is not null)
        {
            doc["history"] = Identifiers.PythonJson.Parse(history);
        }
        return doc;
    }

    private static DateTime Time(JToken? value) =>
        DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
