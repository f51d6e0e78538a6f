using System.Collections.Concurrent;
using Catalog.Core.Identifiers;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Pipelines;

/// <summary>Registered pipelines: stored once by UUID, read back with their number kinds intact.</summary>
public sealed class PipelineStore(NpgsqlDataSource dataSource)
{
    private const int KnownCapacity = 10_000;

    // Pipelines are never removed, so a pipeline seen once exists for good: job creations skip the lookup.
    private readonly ConcurrentDictionary<string, bool> _known = new(StringComparer.Ordinal);

    /// <summary>Stores the pipeline unless one with its UUID exists; returns the stored document and whether it was new.</summary>
    public async Task<(JObject Document, bool Created)> RegisterAsync(JObject document, CancellationToken cancellationToken)
    {
        var uuid = (string)document["uuid"]!;
        await using var insert = dataSource.CreateCommand(
            "INSERT INTO pipelines (uuid, name, document) VALUES ($1, $2, $3::json) ON CONFLICT DO NOTHING RETURNING uuid");
        insert.Parameters.AddWithValue(uuid);
        insert.Parameters.AddWithValue((string)document["name"]!);
        insert.Parameters.AddWithValue(document.ToString(Formatting.None));
        if (await insert.ExecuteScalarAsync(cancellationToken) is not null)
        {
            return (document, true);
        }
        return ((await GetAsync(uuid, cancellationToken))!, false);
    }

    public async Task<JObject?> GetAsync(string uuid, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT document::text FROM pipelines WHERE uuid = $1");
        command.Parameters.AddWithValue(uuid);
        return await command.ExecuteScalarAsync(cancellationToken) is string text ? (JObject)PythonJson.Parse(text) : null;
    }

    public async Task<bool> ExistsAsync(string uuid, CancellationToken cancellationToken)
    {
        if (_known.ContainsKey(uuid))
        {
            return true;
        }
        await using var command = dataSource.CreateCommand("SELECT 1 FROM pipelines WHERE uuid = $1");
        command.Parameters.AddWithValue(uuid);
        var exists = await command.ExecuteScalarAsync(cancellationToken) is not null;
        if (exists && _known.Count < KnownCapacity)
        {
            _known.TryAdd(uuid, true);
        }
        return exists;
    }
}
