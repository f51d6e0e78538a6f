using Npgsql;

namespace Catalog.Attacks;

/// <summary>
/// Reads <see cref="DbSnapshot"/>s from the catalog's database (--db). Projections run behind the log, so a snapshot
/// first waits until every projection has caught up with the last stored event; otherwise the files and edges of an
/// accepted request could land during the next, rejected-only batch and be blamed on it. (Not the log head: a purge
/// deletes events, and when it takes the newest ones the head stays ahead of anything a projection can reach.)
/// </summary>
internal sealed class DatabaseProbe(string connectionString, AttackReport report) : IAsyncDisposable
{
    private static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(60);
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);
    private readonly HashSet<string> _faultsSeen = new(StringComparer.Ordinal);

    private const string SnapshotSql = """
        SELECT (SELECT last_position FROM es.log_head),
               (SELECT count(*) FROM es.streams), (SELECT coalesce(sum(version), 0)::bigint FROM es.streams),
               (SELECT count(*) FROM job_documents), (SELECT coalesce(sum(version), 0)::bigint FROM job_documents),
               (SELECT count(*) FROM job_documents WHERE deleted), (SELECT max(updated) FROM job_documents),
               (SELECT count(*) FROM pipelines), (SELECT count(*) FROM files), (SELECT count(*) FROM lineage_edges),
               (SELECT count(*) FROM audit_log), (SELECT count(*) FROM es.inbox), (SELECT count(*) FROM catalog_secrets)
        """;

    private const string LagSql = """
        SELECT name, position, status, coalesce(last_error, ''), (SELECT coalesce(max(position), 0) FROM es.events)
        FROM es.projections
        """;

    private const string NextXidSql = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, pg_snapshot_xmax(pg_current_snapshot())::text";

    /// <summary>The last snapshot read while no transaction was writing, and the next transaction id at that time.</summary>
    private (string NextXid, DbSnapshot Snapshot)? _quiet;

    /// <summary>
    /// The counts are full scans, slow on a large database, so a snapshot is reused while PostgreSQL has handed out no
    /// transaction id since it was read with none in flight: then nothing can have written (a write needs an id),
    /// whatever the requests answered.
    /// </summary>
    public async Task<DbSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        await WaitForProjectionsAsync(cancellationToken);
        var (_, before) = await NextXidAsync(cancellationToken);
        if (_quiet is { } quiet && quiet.NextXid == before)
        {
            return quiet.Snapshot;
        }
        var snapshot = await ReadAsync(cancellationToken);
        var (oldestRunning, after) = await NextXidAsync(cancellationToken);
        _quiet = oldestRunning == after && after == before ? (after, snapshot) : null;
        return snapshot;
    }

    private async Task<(string OldestRunning, string Next)> NextXidAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(NextXidSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetString(0), reader.GetString(1));
    }

    private async Task<DbSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(SnapshotSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new DbSnapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
            reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetDateTime(6), reader.GetInt64(7), reader.GetInt64(8),
            reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12));
    }

    private async Task WaitForProjectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + CatchUpLimit;
        var delay = 2;
        while (true)
        {
            var behind = new List<string>();
            await using (var command = _source.CreateCommand(LagSql))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (name, position, status, error, head) =
                        (reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
                    if (status == "faulted")
                    {
                        // A projection that stops on what a request wrote is a server error the request caused.
                        if (_faultsSeen.Add(name))
                        {
                            report.ServerError($"projection {name} faulted: {error}");
                        }
                        continue;
                    }
                    if (position < head || status != "running")
                    {
                        behind.Add($"{name} at {position}/{head} ({status})");
                    }
                }
            }
            if (behind.Count == 0)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                report.ServerError($"projections did not catch up within {CatchUpLimit.TotalSeconds} s: {string.Join(", ", behind)}");
                return;
            }
            await Task.Delay(delay, cancellationToken);
            delay = Math.Min(delay * 2, 100);
        }
    }

    /// <summary>Files recorded through the links the attacks planted in archive folders (to /etc and /etc/passwd):
    /// indexing must not follow a link out of the storage root.</summary>
    public async Task<IReadOnlyList<string>> FilesThroughLinksAsync(CancellationToken cancellationToken)
    {
        await using var command = _source.CreateCommand(
            "SELECT name FROM files WHERE name LIKE '%/escape-link/%' OR name LIKE '%/passwd-link' ORDER BY name LIMIT 20");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>
    /// What purged jobs left behind: the contract says a purge removes the job's events, documents, files and edges for
    /// good (its stream row stays only as a tombstone),
    /// so no row of a job with a purge audit record may remain (a projection racing the purge could write one back).
    /// </summary>
    public async Task<IReadOnlyList<string>> PurgeLeftoversAsync(CancellationToken cancellationToken)
    {
        await WaitForProjectionsAsync(cancellationToken);
        await using var command = _source.CreateCommand("""
            WITH purged AS (SELECT DISTINCT job_uuid FROM audit_log WHERE action = 'purge')
            SELECT 'es.streams ' || stream_id FROM es.streams WHERE purged_at IS NULL AND stream_id IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'es.events ' || stream_id FROM es.events WHERE stream_id IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'job_documents ' || uuid FROM job_documents WHERE uuid IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'lineage_edges ' || job_uuid FROM lineage_edges WHERE job_uuid IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'lineage_hidden_jobs ' || job_uuid FROM lineage_hidden_jobs WHERE job_uuid IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'file_records ' || job_uuid FROM file_records WHERE job_uuid IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'files_hidden_jobs ' || job_uuid FROM files_hidden_jobs WHERE job_uuid IN (SELECT job_uuid FROM purged)
            UNION ALL SELECT 'files ' || job_uuid FROM files WHERE job_uuid IN (SELECT job_uuid FROM purged)
            LIMIT 20
            """);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
