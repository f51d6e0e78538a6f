using Catalog.Core.Identifiers;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Queries;

/// <summary>Reads registered pipelines for the query routes, in registration order.</summary>
public sealed class PipelineQueries(NpgsqlDataSource dataSource)
{
    /// <summary>The list name carried by pipeline-list cursors.</summary>
    public const string List = "pipelines";

    public async Task<Page> ListAsync(PageRequest page, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(page.After is null
            ? "SELECT document::text, created, uuid FROM pipelines ORDER BY created, uuid LIMIT $1"
            : "SELECT document::text, created, uuid FROM pipelines WHERE (created, uuid) > ($2, $3) ORDER BY created, uuid LIMIT $1");
        command.Parameters.AddWithValue(page.Limit + 1);
        if (page.After is { } after)
        {
            command.Parameters.AddWithValue(after.Time);
            command.Parameters.AddWithValue(after.Key);
        }
        var rows = new List<(string Document, DateTime Created, string Uuid)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetFieldValue<DateTime>(1), reader.GetString(2)));
        }
        return Page.Of(rows, page.Limit, row => PythonJson.Parse(row.Document), row => PageCursor.At(List, row.Created, row.Uuid));
    }

    /// <summary>The documents of the pipelines registered with this <c>id</c> (several when their components differ).</summary>
    public async Task<IReadOnlyList<JObject>> ByIdAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT document::text FROM pipelines WHERE document->>'id' = $1 ORDER BY created, uuid LIMIT 100");
        command.Parameters.AddWithValue(id);
        var documents = new List<JObject>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add((JObject)PythonJson.Parse(reader.GetString(0)));
        }
        return documents;
    }

    /// <summary>The pipeline document, its number kinds intact; null when no pipeline has this UUID.</summary>
    public async Task<JObject?> GetAsync(string uuid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT document::text FROM pipelines WHERE uuid = $1");
        command.Parameters.AddWithValue(uuid);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? (JObject)PythonJson.Parse(text) : null;
    }
}
