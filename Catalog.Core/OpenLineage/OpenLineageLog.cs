using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Queries;
using Newtonsoft.Json.Linq;
using Npgsql;
using NpgsqlTypes;

namespace Catalog.Core.OpenLineage;

/// <summary>
/// The OpenLineage log: every event received, kept as it came, once (by its fingerprint), with the catalog job a run
/// event was recorded as. Listed oldest first; the sensitive facets of a kept event are shown to admins only.
/// </summary>
public sealed class OpenLineageLog(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by the log's cursors.</summary>
    public const string List = "openlineage";

    /// <summary>Keeps the event; false when the same event was kept before.</summary>
    public async Task<bool> KeepAsync(OpenLineageEvent @event, string? jobUuid, string actor, CancellationToken cancellationToken)
    {
        var named = @event.Job ?? @event.Dataset!;
        await using var command = dataSource.CreateCommand("""
            INSERT INTO openlineage_events (fingerprint, event_time, kind, event_type, namespace, name, run_id, job_uuid, actor, event)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (fingerprint) DO NOTHING
            """);
        command.Parameters.AddWithValue(@event.Fingerprint);
        command.Parameters.AddWithValue(@event.EventTime.UtcDateTime);
        command.Parameters.AddWithValue(@event.Kind.Wire());
        command.Parameters.Add(Text(@event.EventType));
        command.Parameters.AddWithValue(named.Namespace);
        command.Parameters.AddWithValue(named.Name);
        command.Parameters.Add(Text(@event.RunId));
        command.Parameters.Add(Text(jobUuid));
        command.Parameters.AddWithValue(actor);
        command.Parameters.AddWithValue(@event.Raw);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// A page of kept events, oldest first, optionally of one run, one catalog job, or one job or dataset name
    /// (<paramref name="ns"/> and <paramref name="name"/>): <c>{id, received, actor, kind, event_type, event_time,
    /// job_uuid, event}</c>, the event's sensitive facets replaced by a notice unless <paramref name="admin"/>.
    /// </summary>
    public async Task<Page> ListAsync(OpenLineageLogFilter filter, PageRequest page, bool admin, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT id, received, actor, kind, event_type, event_time, job_uuid, event FROM openlineage_events
            WHERE ($2::text IS NULL OR run_id = $2) AND ($3::text IS NULL OR job_uuid = $3)
                AND ($4::text IS NULL OR namespace = $4) AND ($5::text IS NULL OR name = $5) AND ($6::bigint IS NULL OR id > $6)
            ORDER BY id LIMIT $1
            """);
        command.Parameters.AddWithValue(page.Limit + 1);
        command.Parameters.Add(Text(filter.RunId));
        command.Parameters.Add(Text(filter.JobUuid));
        command.Parameters.Add(Text(filter.Namespace));
        command.Parameters.Add(Text(filter.Name));
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)page.After?.Position ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        var rows = new List<(long Id, JObject Item)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            var raw = (JObject)PythonJson.Parse(reader.GetString(7));
            rows.Add((id, new JObject
            {
                ["id"] = id,
                ["received"] = JobEventJson.FormatTime(reader.GetFieldValue<DateTime>(1)),
                ["actor"] = reader.GetString(2),
                ["kind"] = reader.GetString(3),
                ["event_type"] = reader.IsDBNull(4) ? null : reader.GetString(4),
                ["event_time"] = JobEventJson.FormatTime(reader.GetFieldValue<DateTime>(5)),
                ["job_uuid"] = reader.IsDBNull(6) ? null : reader.GetString(6),
                ["event"] = admin ? raw : OpenLineageRedaction.ForReaders(raw),
            }));
        }
        return Page.Of(rows, page.Limit, row => row.Item, row => new PageCursor(List, row.Id, ""));
    }

    /// <summary>Forgets the events of a purged job: what the catalog recorded of it is gone.</summary>
    public static async Task ForgetJobAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobUuid, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("DELETE FROM openlineage_events WHERE job_uuid = $1", connection, transaction);
        command.Parameters.AddWithValue(jobUuid);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text };
}

/// <summary>What the OpenLineage log is filtered by; null members do not filter.</summary>
public sealed record OpenLineageLogFilter(string? RunId, string? JobUuid, string? Namespace, string? Name);
