using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>Reads jobs for the query routes: the job list, one document with its history, and a job's event stream.</summary>
public sealed class JobQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by job-list cursors.</summary>
    public const string List = "jobs";

    /// <summary>Job documents without history, most recently updated first (ties: UUID descending).</summary>
    public async Task<Page> ListAsync(JobListFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand();
        var conditions = new List<string>();
        // Only the filters given become conditions, so each query can use the index that fits it.
        if (filter.State is { } state)
        {
            conditions.Add($"state = {Add(command, state)}");
        }
        if (filter.PipelineUuid is { } pipeline)
        {
            conditions.Add($"pipeline_uuid = {Add(command, pipeline)}");
        }
        if (filter.ChildOf is { } parent)
        {
            conditions.Add($"child_of @> ARRAY[{Add(command, parent)}]::text[]");
        }
        if (filter.UpdatedAfter is { } since)
        {
            conditions.Add($"updated > {Add(command, since)}");
        }
        if (filter.Tags.Count > 0)
        {
            conditions.Add($"tags <> '{{}}' AND tags @> {Add(command, filter.Tags.ToArray())}::text[]");
        }
        if (filter.Labels.Count > 0)
        {
            conditions.Add($"labels <> '{{}}' AND labels @> {Add(command, filter.Labels.ToArray())}::text[]");
        }
        if (filter.Owner is { } owner)
        {
            conditions.Add($"owner = {Add(command, owner)}");
        }
        if (filter.Group is { } group)
        {
            conditions.Add($"group_uuid = {Add(command, group)}");
        }
        if (filter.OpenLineageRunId is { } runId)
        {
            conditions.Add($"(document->'data'->'openlineage'->>'run_id') = {Add(command, runId)}");
        }
        if (filter.StaleAfterSeconds is { } stale)
        {
            conditions.Add($"state = ANY({Add(command, JobListFilter.ActiveStates.ToArray())}) AND updated < now() - make_interval(secs => {Add(command, (double)stale)})");
        }
        if (!filter.IncludeDeleted)
        {
            conditions.Add("NOT deleted");
        }
        if (filter.Page.After is { } after)
        {
            conditions.Add($"(updated, uuid) < ({Add(command, after.Time)}, {Add(command, after.Key)})");
        }
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);
        command.CommandText = $"""
            SELECT document::text, updated, uuid FROM job_documents {where}
            ORDER BY updated DESC, uuid DESC LIMIT {Add(command, filter.Page.Limit + 1)}
            """;
        var rows = new List<(string Document, DateTime Updated, string Uuid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTime>(1), reader.GetString(2)));
        }
        return Page.Of(rows, filter.Page.Limit, row => JobDocument.Complete((JObject)PythonJson.Parse(row.Document)),
            row => PageCursor.At(List, row.Updated, row.Uuid));
    }

    /// <summary>The job document with its history; null when there is none or it is hidden and hidden ones were not asked for.</summary>
    public Task<JObject?> GetAsync(string jobUuid, bool includeDeleted, CancellationToken cancellationToken) =>
        JobDocumentWriter.ReadWholeAsync(dataSource, jobUuid, includeDeleted, cancellationToken);

    /// <summary>
    /// The job's stored events in version order as <c>{position, version, uuid, name, date, data}</c>, the decision
    /// time moved from the data to <c>date</c>; null when there is no such job or it is hidden and hidden ones were not
    /// asked for.
    /// </summary>
    public async Task<JArray?> EventsAsync(string jobUuid, bool includeDeleted, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT position, version, event_id, event_type, data::text, metadata::text FROM es.events WHERE stream_id = $1 ORDER BY version");
        command.Parameters.AddWithValue(jobUuid);
        var events = new JArray();
        // Hidden-ness is read from the stream itself, so the answer does not depend on the documents being projected.
        var hidden = false;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var type = reader.GetString(3);
            hidden = type == JobEventTypes.Hidden || (hidden && type != JobEventTypes.Restored);
            var data = (JObject)PythonJson.Parse(reader.GetString(4));
            var at = data["at"];
            data.Remove("at");
            events.Add(new JObject
            {
                ["position"] = reader.GetInt64(0),
                ["version"] = reader.GetInt64(1),
                ["uuid"] = reader.GetGuid(2).ToString("D"),
                ["name"] = EventName(type),
                ["type"] = type,
                ["date"] = at,
                // Who sent it ({kind, name}); null for events recorded before actors were.
                ["actor"] = ((JObject)PythonJson.Parse(reader.GetString(5)))["actor"]?.DeepClone(),
                ["data"] = data,
            });
        }
        return events.Count == 0 || (hidden && !includeDeleted) ? null : events;
    }

    // The agent-facing name of a stored event: the state-machine event, or what an admin did.
    private static string EventName(string type) => type switch
    {
        JobEventTypes.Created => "create",
        JobEventTypes.Hidden => "delete",
        JobEventTypes.Restored => "undelete",
        JobEventTypes.TokenRotated => "rotate_token",
        JobEventTypes.FilesIndexed => "files_indexed",
        JobEventTypes.Joined => "join_group",
        JobEventTypes.Blocked => "block",
        JobEventTypes.Unblocked => "unblock",
        JobEventTypes.LineageReported => "openlineage",
        _ when JobEventTypes.TryProgressedName(type, out var name) => name.Wire(),
        _ => type,
    };

    private static string Add(NpgsqlCommand command, object value)
    {
        command.Parameters.AddWithValue(value);
        return "$" + command.Parameters.Count;
    }
}
