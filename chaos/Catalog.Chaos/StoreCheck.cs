using Npgsql;

namespace Catalog.Chaos;

/// <summary>
/// Reads the catalog's own tables to judge what was stored: how many rows carry each marker (exactly once?), whether
/// the projections reached the log head, and whether the job documents agree with the streams they were built from.
/// </summary>
internal sealed class StoreCheck(string connectionString)
{
    // No pool: the outage part restarts PostgreSQL, and a pooled connection from before would fail its first use.
    private readonly string _connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>Stored events per marker, for every marker that starts with <paramref name="prefix"/>.</summary>
    public async Task<Dictionary<string, long>> MarkerCountsAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT data->'data'->>'chaos', count(*) FROM es.events
            WHERE starts_with(data->'data'->>'chaos', $1) GROUP BY 1
            """, connection);
        command.Parameters.AddWithValue(prefix);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }
        return counts;
    }

    /// <summary>Acknowledged markers with no stored row, and rows beyond the first for any marker.</summary>
    public static (long Lost, long Extra) ExactlyOnce(IEnumerable<string> acknowledged, IReadOnlyDictionary<string, long> counts) =>
        (acknowledged.Count(marker => counts.GetValueOrDefault(marker) == 0), counts.Values.Sum(n => Math.Max(0, n - 1)));

    /// <summary>
    /// Waits until every projection has applied the whole log and none is faulted; the checkpoints it saw last
    /// (name=position/status, head) when it gives up.
    /// </summary>
    public async Task<(bool CaughtUp, string State)> WaitForProjectionsAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var state = "";
        while (true)
        {
            await using (var connection = await OpenAsync(cancellationToken))
            {
                await using var command = new NpgsqlCommand("""
                    SELECT h.last_position, p.name, p.position, p.status
                    FROM es.log_head h CROSS JOIN es.projections p ORDER BY p.name
                    """, connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<(long Head, string Name, long Position, string Status)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
                }
                state = rows.Count == 0
                    ? "no projection checkpoints"
                    : $"head {rows[0].Head}: " + string.Join(", ", rows.Select(r => $"{r.Name}={r.Position}/{r.Status}"));
                if (rows.Count > 0 && rows.All(r => r.Status == "running" && r.Position >= r.Head))
                {
                    return (true, state);
                }
                if (rows.Any(r => r.Status == "faulted"))
                {
                    return (false, state);
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                return (false, state);
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>How many of the given jobs have a document whose version is not their stream's version.</summary>
    public async Task<long> VersionMismatchesAsync(IReadOnlyCollection<string> jobs, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var versions = new NpgsqlCommand("""
            SELECT count(*) FROM es.streams s LEFT JOIN job_documents d ON d.uuid = s.stream_id
            WHERE s.stream_id = ANY($1) AND d.version IS DISTINCT FROM s.version
            """, connection);
        versions.Parameters.AddWithValue(jobs.ToArray());
        return (long)(await versions.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>A stream's stored versions in order, and the version the stream row claims.</summary>
    public async Task<(long[] Versions, long StreamVersion)> StreamVersionsAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var events = new NpgsqlCommand("SELECT version FROM es.events WHERE stream_id = $1 ORDER BY version", connection);
        events.Parameters.AddWithValue(streamId);
        var versions = new List<long>();
        await using (var reader = await events.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                versions.Add(reader.GetInt64(0));
            }
        }
        await using var stream = new NpgsqlCommand("SELECT version FROM es.streams WHERE stream_id = $1", connection);
        stream.Parameters.AddWithValue(streamId);
        var streamVersion = await stream.ExecuteScalarAsync(cancellationToken) as long? ?? -1;
        return (versions.ToArray(), streamVersion);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
