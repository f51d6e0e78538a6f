using System.Globalization;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>Writes and reads job-document rows (documents without history: see <see cref="JobHistory"/>).</summary>
public static class JobDocumentWriter
{
    /// <summary>The live table's name.</summary>
    public const string Table = "job_documents";

    /// <summary>
    /// What a job is found by in search (names, tags, labels, notes, owner), kept apart from the documents: it changes
    /// on a few events only, so its text indexes are written then, not on every event as the document's row is.
    /// </summary>
    public const string SearchTable = "job_search";

    /// <summary>Upserts the documents of these jobs in one statement (projection batches).</summary>
    public static async Task UpsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string searchTable,
        IReadOnlyList<JobState> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return;
        }
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                Upsert(table, jobs.Select(j => new JobDocumentRow(j)).ToList()),
                UpsertSearch(searchTable, jobs.Select(j => (j.Spec!.Uuid, SearchText(j))).ToList()),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The statement upserting the documents of these jobs, to send in a batch with others (group commits). The columns
    /// the list filters and the system reactor use come from the same state the document renders.
    /// </summary>
    public static NpgsqlBatchCommand Upsert(string table, IReadOnlyList<JobDocumentRow> rows)
    {
        var documents = rows.Select(r => r.Document).ToList();
        var jobs = rows.Select(r => r.Job).ToList();
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {table} (uuid, pipeline_uuid, state, child_of, deleted, version, created, updated, document, owner, tags, labels,
                deadline, retain_until, group_uuid, waits_on, blocked)
            SELECT d.uuid, d.pipeline_uuid, d.state, string_to_array(d.child_of, ' '), d.deleted, d.version, d.created, d.updated,
                d.document::json, d.owner, string_to_array(d.tags, chr(31)), string_to_array(d.labels, chr(31)), d.deadline, d.retain_until, d.group_uuid,
                string_to_array(d.waits_on, ' '), d.blocked
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bool[], $6::bigint[], $7::timestamptz[], $8::timestamptz[],
                $9::text[], $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::timestamptz[], $15::text[], $16::text[], $17::bool[])
                AS d(uuid, pipeline_uuid, state, child_of, deleted, version, created, updated, document, owner, tags, labels, deadline, retain_until,
                    group_uuid, waits_on, blocked)
            ON CONFLICT (uuid) DO UPDATE SET state = EXCLUDED.state, child_of = EXCLUDED.child_of, deleted = EXCLUDED.deleted,
                version = EXCLUDED.version, updated = EXCLUDED.updated, document = EXCLUDED.document, owner = EXCLUDED.owner,
                tags = EXCLUDED.tags, labels = EXCLUDED.labels, deadline = EXCLUDED.deadline, retain_until = EXCLUDED.retain_until,
                group_uuid = EXCLUDED.group_uuid, waits_on = EXCLUDED.waits_on, blocked = EXCLUDED.blocked
            WHERE {table}.version < EXCLUDED.version
            """);
        command.Parameters.AddWithValue(documents.Select(d => (string)d["uuid"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (string)d["pipeline_uuid"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (string)d["state"]!).ToArray());
        // child_of holds typed UUIDs, which never contain spaces, so a space-joined text survives the array round trip.
        command.Parameters.AddWithValue(documents.Select(d => string.Join(' ', ((JArray)d["child_of"]!).Select(t => (string)t!))).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (bool)d["deleted"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => (long)d["version"]!).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => Time(d["created"])).ToArray());
        command.Parameters.AddWithValue(documents.Select(d => Time(d["updated"])).ToArray());
        command.Parameters.AddWithValue(rows.Select(r => r.Json).ToArray());
        command.Parameters.AddWithValue(jobs.Select(j => j.Spec!.Owner).ToArray());
        // Tags and labels hold no control characters (JobEventData), so U+001F joins them losslessly.
        command.Parameters.AddWithValue(jobs.Select(j => string.Join('\u001f', j.Tags)).ToArray());
        command.Parameters.AddWithValue(jobs.Select(j => string.Join('\u001f', j.Labels.Select(l => Label(l.Key, l.Value)))).ToArray());
        // When the system reactor is to look at the job (whole milliseconds, as the document's times: a rebuild agrees).
        command.Parameters.AddWithValue(jobs.Select(j => Milliseconds(JobDecider.Deadline(j))).ToArray());
        command.Parameters.AddWithValue(jobs.Select(j => Milliseconds(JobDecider.RetentionEnd(j))).ToArray());
        command.Parameters.AddWithValue(jobs.Select(j => j.Group).ToArray());
        // The jobs a waiting job depends on (typed UUIDs hold no spaces), for the reactor's dependency watch.
        command.Parameters.AddWithValue(jobs.Select(j => string.Join(' ', j.Spec!.DependsOn.Select(d => d.Job))).ToArray());
        command.Parameters.AddWithValue(jobs.Select(j => j.BlockedReason is not null).ToArray());
        return command;
    }

    /// <summary>
    /// The statement writing the search text of these jobs where it changed (a job's text changes at its creation and
    /// by tag and annotate events only, so most commits send none).
    /// </summary>
    public static NpgsqlBatchCommand UpsertSearch(string searchTable, IReadOnlyList<(string Uuid, string Text)> rows)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO {searchTable} (uuid, text) SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT (uuid) DO UPDATE SET text = EXCLUDED.text WHERE {searchTable}.text <> EXCLUDED.text
            """);
        // One row per job (a statement may not update a row twice): the last text given wins.
        var last = rows.GroupBy(r => r.Uuid, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        command.Parameters.AddWithValue(last.Select(r => r.Uuid).ToArray());
        command.Parameters.AddWithValue(last.Select(r => r.Text).ToArray());
        return command;
    }

    /// <summary>
    /// What search finds a job by: the identifiers it was created for, its tags, labels (<c>key:value</c>), notes and
    /// owner, separated by spaces.
    /// </summary>
    public static string SearchText(JobState job) => string.Join(' ', new[]
    {
        job.Spec!.Names.Count == 0 ? null : string.Join(' ', job.Spec.Names.Values),
        string.Join(' ', job.Tags),
        string.Join(' ', job.Labels.Select(l => Label(l.Key, l.Value))),
        job.Notes,
        job.Spec.Owner,
    }.Where(part => !string.IsNullOrEmpty(part)));

    /// <summary>Loads documents (without history) by job UUID; missing ones are simply absent from the result.</summary>
    public static async Task<Dictionary<string, JObject>> LoadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string table, IReadOnlyCollection<string> uuids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT uuid, document::text FROM {table} WHERE uuid = ANY($1)", connection, transaction);
        command.Parameters.AddWithValue(uuids.ToArray());
        var documents = new Dictionary<string, JObject>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents[reader.GetString(0)] = (JObject)PythonJson.Parse(reader.GetString(1));
        }
        return documents;
    }

    /// <summary>The stored version of each job document asked for (missing ones are absent).</summary>
    public static async Task<Dictionary<string, long>> LoadVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        string table, IReadOnlyCollection<string> uuids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT uuid, version FROM {table} WHERE uuid = ANY($1)", connection, transaction);
        command.Parameters.AddWithValue(uuids.ToArray());
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions[reader.GetString(0)] = reader.GetInt64(1);
        }
        return versions;
    }

    /// <summary>One job's document with its history; hidden jobs only when asked; null when there is none.</summary>
    public static async Task<JObject?> ReadWholeAsync(NpgsqlDataSource dataSource, string jobUuid, bool includeDeleted,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        string? document;
        await using (var command = new NpgsqlCommand(
            "SELECT document::text FROM job_documents WHERE uuid = $1 AND ($2 OR NOT deleted)", connection))
        {
            command.Parameters.AddWithValue(jobUuid);
            command.Parameters.AddWithValue(includeDeleted);
            document = await command.ExecuteScalarAsync(cancellationToken) as string;
        }
        if (document is null)
        {
            return null;
        }
        // The history up to the document's version, so an event committed between the two reads cannot show in one only.
        var doc = JobDocument.Complete((JObject)PythonJson.Parse(document));
        return JobHistory.Compose(doc, await JobHistory.ReadAsync(connection, jobUuid, (long)doc["version"]!, cancellationToken));
    }

    /// <summary>A label as the job list's filter and index hold it.</summary>
    private static string Label(string key, string value) => $"{key}:{value}";

    private static DateTime? Milliseconds(DateTimeOffset? time) =>
        time is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds()).UtcDateTime : null;

    private static DateTime Time(JToken? value) =>
        DateTime.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
