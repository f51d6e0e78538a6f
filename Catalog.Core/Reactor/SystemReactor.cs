using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Core.Reactor;

/// <summary>What one sweep of the system reactor did; <see cref="Owned"/> is false when another node held the turn.</summary>
public sealed record SweepResult(bool Owned, int Expired, int Hidden, int Purged = 0, int Blocked = 0);

/// <summary>
/// The catalog's own timed decisions: a run past its <c>max_wall_time</c> receives <c>expire</c> (→ FAILED), an
/// <c>auto_delete</c> job is hidden <c>completion_ttl</c> seconds after its last event in a terminal state. Candidates
/// are found in the job documents; each is then decided on its own stream through the job service, as actor
/// <c>system</c>, so a job that moved on meanwhile is left alone and no job is expired twice. One node sweeps at a
/// time: a sweep holds the reactor's row lock, and PostgreSQL ends the holding transaction of a node that stops
/// answering after <see cref="SystemReactorOptions.Lease"/>, so a frozen node never stops the others for long. With
/// <see cref="SystemReactorOptions.PurgeHiddenAfter"/>, jobs hidden that long are purged (with their audit record).
/// The dependency watch marks a job waiting to run <c>blocked</c> when a dependency can no longer be met, and unblocks
/// it when it can again: it looks at a waiting job only when the job, its dependencies or its group's members changed
/// since it last looked (a signature of their document versions), so jobs left waiting cost an index read per sweep.
/// </summary>
public sealed class SystemReactor(NpgsqlDataSource dataSource, JobService jobs, TimeProvider clock, ILogger logger,
    SystemReactorOptions? options = null, JobPurge? purge = null)
{
    private readonly SystemReactorOptions _options = options ?? new SystemReactorOptions();

    // The dependency watch: what each waiting job's signature was when it was last decided, and where the last sweep
    // stopped (a sweep reads at most BatchSize waiting jobs, in UUID order, and goes round).
    private readonly Dictionary<string, string> _watched = new(StringComparer.Ordinal);
    private string _watchFrom = "";

    /// <summary>Sweeps until stopped, one sweep per <see cref="SystemReactorOptions.Interval"/>.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await SweepAsync(stoppingToken);
                if (result.Expired + result.Hidden + result.Purged + result.Blocked > 0)
                {
                    logger.LogInformation("System reactor: {Expired} job(s) expired, {Hidden} hidden and {Purged} purged by retention, {Blocked} blocked or unblocked",
                        result.Expired, result.Hidden, result.Purged, result.Blocked);
                }
            }
            catch (Exception failure) when (failure is NpgsqlException or TimeoutException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
            {
                // The database is down or the lease ran out: the next sweep tries again.
                logger.LogWarning("System reactor sweep failed: {Message}", failure.Message);
            }
            try
            {
                await Task.Delay(_options.Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One sweep, if this node gets the turn: every due job decided once.</summary>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await TakeTurnAsync(connection, transaction, cancellationToken))
        {
            return new SweepResult(false, 0, 0);
        }
        var now = clock.GetUtcNow();
        var expired = 0;
        foreach (var job in await CandidatesAsync(connection, transaction, ExpireCandidates, now, cancellationToken))
        {
            expired += await DecideAsync(job, new JobCommand.Expire(), cancellationToken);
        }
        var hidden = 0;
        foreach (var job in await CandidatesAsync(connection, transaction, RetainCandidates, now, cancellationToken))
        {
            hidden += await DecideAsync(job, new JobCommand.Retain(), cancellationToken);
        }
        var purged = 0;
        if (_options.PurgeHiddenAfter is { } after && purge is not null)
        {
            foreach (var job in await CandidatesAsync(connection, transaction, PurgeCandidates, now - after, cancellationToken))
            {
                // Still hidden, and hidden that long, as the job's own stream says.
                var removed = await purge.PurgeIfAsync(job, JobDecider.SystemActor,
                    state => state.Deleted && state.Updated + after <= clock.GetUtcNow(), cancellationToken);
                purged += removed is null ? 0 : 1;
            }
        }
        var blocked = 0;
        foreach (var (job, signature) in await WaitingAsync(connection, transaction, cancellationToken))
        {
            blocked += await DecideAsync(job, new JobCommand.CheckBlocked(), cancellationToken);
            _watched[job] = signature;
        }
        await transaction.CommitAsync(cancellationToken);
        return new SweepResult(true, expired, hidden, purged, blocked);
    }

    // Waiting jobs (and blocked ones) whose signature moved since the watch last decided them: the job's version, its
    // dependencies' versions and count (a purge removes one), and the last change among its group's members. Each arm
    // repeats a partial index's predicate, so a sweep reads those indexes only (an OR of the two read the whole table).
    private const string WaitingCandidates = """
        SELECT w.uuid, w.version::text || '/' || coalesce((SELECT sum(d.version)::text || '#' || count(*)::text FROM job_documents d
                WHERE d.uuid = ANY(w.waits_on)), '') || '/' || coalesce((SELECT max(g.updated)::text FROM job_documents g
                WHERE g.group_uuid = w.group_uuid AND w.group_uuid IS NOT NULL), '')
        FROM (
            (SELECT uuid FROM job_documents
             WHERE state = 'CREATED' AND (waits_on <> '{}' OR group_uuid IS NOT NULL) AND NOT deleted AND uuid > $1 ORDER BY uuid LIMIT $2)
            UNION
            (SELECT uuid FROM job_documents WHERE blocked AND uuid > $1 ORDER BY uuid LIMIT $2)
        ) c JOIN job_documents w USING (uuid)
        ORDER BY w.uuid LIMIT $2
        """;

    private async Task<List<(string Job, string Signature)>> WaitingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var seen = new List<(string, string)>();
        await using (var command = new NpgsqlCommand(WaitingCandidates, connection, transaction))
        {
            command.Parameters.AddWithValue(_watchFrom);
            command.Parameters.AddWithValue(_options.BatchSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                seen.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        if (seen.Count < _options.BatchSize)
        {
            // Round done: forget the jobs no longer waiting, start again from the first.
            var waiting = seen.Select(s => s.Item1).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _watched.Keys.Where(k => string.CompareOrdinal(k, _watchFrom) > 0 && !waiting.Contains(k)).ToList())
            {
                _watched.Remove(gone);
            }
            _watchFrom = "";
        }
        else
        {
            _watchFrom = seen[^1].Item1;
        }
        return seen.Where(s => _watched.GetValueOrDefault(s.Item1) != s.Item2).ToList();
    }

    // Candidates come from the documents' reactor columns (partial indexes: a sweep reads only what is due).
    private const string ExpireCandidates = "SELECT uuid FROM job_documents WHERE deadline <= $1 ORDER BY deadline LIMIT $2";

    private const string RetainCandidates = "SELECT uuid FROM job_documents WHERE retain_until <= $1 ORDER BY retain_until LIMIT $2";

    private const string PurgeCandidates = "SELECT uuid FROM job_documents WHERE deleted AND updated <= $1 ORDER BY updated LIMIT $2";

    private async Task<int> DecideAsync(string job, JobCommand command, CancellationToken cancellationToken)
    {
        var outcome = await jobs.HandleAsync(job, command, JobCaller.System, null, cancellationToken);
        return outcome.Kind == JobOutcomeKind.Appended ? 1 : 0;
    }

    private async Task<bool> TakeTurnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"SET LOCAL idle_in_transaction_session_timeout = {(long)Math.Max(1, _options.Lease.TotalMilliseconds)}"),
                new NpgsqlBatchCommand("SELECT name FROM es.reactor WHERE name = 'system' FOR UPDATE SKIP LOCKED"),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken);
    }

    private async Task<List<string>> CandidatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue(now.UtcDateTime);
        command.Parameters.AddWithValue(_options.BatchSize);
        var uuids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            uuids.Add(reader.GetString(0));
        }
        return uuids;
    }
}

/// <summary>How often the reactor sweeps, how long a silent node keeps the turn, and how many jobs one sweep decides.</summary>
public sealed record SystemReactorOptions
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(30);
    public int BatchSize { get; init; } = 500;
    /// <summary>Purge jobs hidden this long (<c>CATALOG_PURGE_HIDDEN_AFTER_DAYS</c>); null (the default): never.</summary>
    public TimeSpan? PurgeHiddenAfter { get; init; }
}
