using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Core.Reactor;

/// <summary>What one sweep of the system reactor did; <see cref="Owned"/> is false when another node held the turn.</summary>
public sealed record SweepResult(bool Owned, int Expired, int Hidden, int Purged = 0);

/// <summary>
/// The catalog's own timed decisions: a run past its <c>max_wall_time</c> receives <c>expire</c> (→ FAILED), an
/// <c>auto_delete</c> job is hidden <c>completion_ttl</c> seconds after its last event in a terminal state. Candidates
/// are found in the job documents; each is then decided on its own stream through the job service, as actor
/// <c>system</c>, so a job that moved on meanwhile is left alone and no job is expired twice. One node sweeps at a
/// time: a sweep holds the reactor's row lock, and PostgreSQL ends the holding transaction of a node that stops
/// answering after <see cref="SystemReactorOptions.Lease"/>, so a frozen node never stops the others for long. With
/// <see cref="SystemReactorOptions.PurgeHiddenAfter"/>, jobs hidden that long are purged (with their audit record).
/// </summary>
public sealed class SystemReactor(NpgsqlDataSource dataSource, JobService jobs, TimeProvider clock, ILogger logger,
    SystemReactorOptions? options = null, JobPurge? purge = null)
{
    private readonly SystemReactorOptions _options = options ?? new SystemReactorOptions();

    /// <summary>Sweeps until stopped, one sweep per <see cref="SystemReactorOptions.Interval"/>.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await SweepAsync(stoppingToken);
                if (result.Expired + result.Hidden + result.Purged > 0)
                {
                    logger.LogInformation("System reactor: {Expired} job(s) expired, {Hidden} hidden and {Purged} purged by retention",
                        result.Expired, result.Hidden, result.Purged);
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
        await transaction.CommitAsync(cancellationToken);
        return new SweepResult(true, expired, hidden, purged);
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
