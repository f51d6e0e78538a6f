using Npgsql;

namespace Catalog.Bench;

/// <summary>
/// After ingest: is every acknowledged event stored? Each job's stream holds its <c>create</c> event plus the events
/// the agent saw acknowledged; fewer rows means an acknowledged event was lost.
/// </summary>
internal static class IngestCheck
{
    /// <summary>(lost, stored but never acknowledged, e.g. a request that timed out after its commit).</summary>
    public static async Task<(long Lost, long Unacknowledged)> RunAsync(BenchOptions options,
        IReadOnlyList<(string Uuid, int Acknowledged)> jobs, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(options.CatalogDb))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var chunk in jobs.Select(j => j.Uuid).Chunk(10_000))
            {
                await using var count = new NpgsqlCommand(
                    "SELECT stream_id, count(*) FROM es.events WHERE stream_id = ANY($1) GROUP BY stream_id", connection);
                count.Parameters.AddWithValue(chunk);
                await using var reader = await count.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored[reader.GetString(0)] = reader.GetInt64(1);
                }
            }
        }
        long lost = 0, unacknowledged = 0;
        foreach (var (uuid, acknowledged) in jobs)
        {
            var expected = 1L + acknowledged;
            var found = stored.GetValueOrDefault(uuid);
            lost += Math.Max(0, expected - found);
            unacknowledged += Math.Max(0, found - expected);
        }
        return (lost, unacknowledged);
    }
}
