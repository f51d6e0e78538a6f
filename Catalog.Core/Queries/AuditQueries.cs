using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>Reads the audit log (what admins did that leaves no events behind), newest first.</summary>
public sealed class AuditQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by audit-log cursors.</summary>
    public const string List = "audit";

    /// <summary>Records as <c>{id, at, actor, action, job_uuid, detail}</c>, optionally of one job only.</summary>
    public async Task<Page> ListAsync(string? jobUuid, PageRequest page, CancellationToken cancellationToken)
    {
        // The id is handed out in insertion order, so "newest first" is id descending, served by the primary key
        // (or by (job_uuid, id) when filtered).
        await using var command = dataSource.CreateCommand("""
            SELECT id, at, actor, action, job_uuid, detail::text FROM audit_log
            WHERE ($2::text IS NULL OR job_uuid = $2) AND ($3::bigint IS NULL OR id < $3)
            ORDER BY id DESC LIMIT $1
            """);
        command.Parameters.AddWithValue(page.Limit + 1);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)jobUuid ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)page.After?.Position ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        var rows = new List<(long Id, JObject Item)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            rows.Add((id, new JObject
            {
                ["id"] = id,
                ["at"] = JobEventJson.FormatTime(reader.GetFieldValue<DateTime>(1)),
                ["actor"] = reader.GetString(2),
                ["action"] = reader.GetString(3),
                ["job_uuid"] = reader.IsDBNull(4) ? null : reader.GetString(4),
                ["detail"] = PythonJson.Parse(reader.GetString(5)),
            }));
        }
        return Page.Of(rows, page.Limit, row => row.Item, row => new PageCursor(List, row.Id, ""));
    }
}
