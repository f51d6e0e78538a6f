using System.Security.Cryptography;
using System.Text;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.EventStore;

/// <summary>
/// The one imperative shell for jobs: load the stream (or its folded head, kept from the last append), fold, decide,
/// append with the expected version and write the job document in the same transaction. A version conflict re-decides against the new state, so concurrent valid
/// events are all recorded; an idempotency key makes a repeated delivery answer the first result.
/// </summary>
public sealed class JobService(EventStore store, TimeProvider clock, int headCapacity = 1024) : IAsyncDisposable
{
    public const string StreamType = "pipelinejob";
    private const int MaxAttempts = 500;

    private readonly SemaphoreSlim _secretLock = new(1, 1);
    private readonly SemaphoreSlim[] _turns = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly JobHeads _heads = new(headCapacity);
    private readonly Lazy<GroupCommitter> _committer = new(() => new GroupCommitter(store.DataSource));
    private JobTokens? _tokens;

    /// <summary>Raised after every commit that appended events, with the last position (wakes the projection daemon).</summary>
    public event Action<long>? Appended;

    /// <summary>Creates the job, or attaches to it when a job with that UUID exists (atomic under races).</summary>
    public async Task<(JObject Document, bool Created)> CreateOrAttachAsync(JobSpec spec, CancellationToken cancellationToken)
    {
        var decision = JobDecider.Decide(JobState.Initial, new JobCommand.Create(spec), clock.GetUtcNow());
        var events = decision.Events.Select((e, i) => ToNew(spec.Uuid, i + 1, e)).ToArray();
        var head = Fold(null, decision.Events);
        var pending = new PendingAppend(spec.Uuid, StreamType, 0, events, head.Document, null, null, Answer(spec.Uuid, head.State));
        // Creations share group commits with events; losing the race for a new stream means the job exists: attach.
        var result = await _committer.Value.AppendAsync(pending, cancellationToken);
        if (result.Committed is { } committed)
        {
            _heads.Set(spec.Uuid, head);
            Appended?.Invoke(committed.LastPosition);
            var history = decision.Events.Select((e, i) => JobHistory.Entry(spec.Uuid, i + 1, e)).OfType<JObject>();
            return (JobHistory.Compose(head.Document, new JArray(history)), true);
        }
        var existing = await ReadDocumentAsync(spec.Uuid, includeDeleted: true, cancellationToken);
        return (existing ?? throw new InvalidOperationException($"Job {spec.Uuid} exists but has no document."), false);
    }

    /// <summary>
    /// Decides and records a command. Without <paramref name="isAdmin"/> the job's token must match.
    /// With an idempotency key, a repeat of the same payload answers the first result and appends nothing.
    /// Appends from concurrent requests share one commit (<see cref="GroupCommitter"/>); each answer waits for it.
    /// </summary>
    public async Task<JobOutcome> HandleAsync(string jobUuid, JobCommand command, bool isAdmin, string? token,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        // Only a keyed delivery is compared with an earlier one, so only it needs the payload's hash.
        var payloadHash = idempotencyKey is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(PayloadOf(command)));
        // Requests for one job in this process take turns, so they decide on fresh state instead of racing to a
        // version conflict; other nodes are still caught by the version check.
        var turn = _turns[(uint)StringComparer.Ordinal.GetHashCode(jobUuid) % (uint)_turns.Length];
        await turn.WaitAsync(cancellationToken);
        try
        {
            return await DecideAndAppendAsync(jobUuid, command, isAdmin, token, idempotencyKey, payloadHash, cancellationToken);
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task<JobOutcome> DecideAndAppendAsync(string jobUuid, JobCommand command, bool isAdmin, string? token,
        string? idempotencyKey, byte[]? payloadHash, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var cached = _heads.Get(jobUuid);
            var head = cached ?? await LoadHeadAsync(jobUuid, cancellationToken);
            if (head is null)
            {
                return new JobOutcome(JobOutcomeKind.NotFound);
            }
            var state = head.State;
            var authorized = isAdmin || (await TokensAsync(cancellationToken)).Verify(jobUuid, state.TokenGeneration, token);
            var decision = authorized ? JobDecider.Decide(state, command, clock.GetUtcNow()) : null;
            var appends = decision is { Rejection: null, Events.Count: > 0 };
            // A refusal or a no-op never reaches the append's version check, so a kept head must be confirmed current
            // first: another node may have moved the stream to where this event is allowed (or rotated the token).
            if (!appends && cached is not null && await store.VersionAsync(jobUuid, cancellationToken) != state.Version)
            {
                _heads.Forget(jobUuid);
                continue;
            }
            if (decision is null)
            {
                return new JobOutcome(JobOutcomeKind.Unauthorized);
            }
            if (!appends)
            {
                // A repeat of a delivery that was recorded answers as it did then, even if the job has moved on since.
                if (idempotencyKey is not null && await EarlierDeliveryAsync(jobUuid, idempotencyKey, payloadHash!, cancellationToken) is { } earlier)
                {
                    return earlier;
                }
                return decision.Rejection is not { } rejection
                    ? new JobOutcome(JobOutcomeKind.Unchanged, Answer(jobUuid, state))
                    : rejection.Kind == RejectionKind.UnknownJob
                        ? new JobOutcome(JobOutcomeKind.NotFound, Rejection: rejection)
                        : new JobOutcome(JobOutcomeKind.Rejected, Rejection: rejection);
            }
            var events = decision.Events.Select((e, i) => ToNew(jobUuid, state.Version + i + 1, e)).ToArray();
            var next = Fold(head, decision.Events);
            var answer = Answer(jobUuid, next.State);
            var pending = new PendingAppend(jobUuid, StreamType, state.Version, events, next.Document,
                idempotencyKey, payloadHash, answer);
            GroupCommitResult result;
            try
            {
                result = await _committer.Value.AppendAsync(pending, cancellationToken);
            }
            catch
            {
                _heads.Forget(jobUuid);
                throw;
            }
            if (result.Committed is { } committed)
            {
                _heads.Set(jobUuid, next);
                Appended?.Invoke(committed.LastPosition);
                return new JobOutcome(JobOutcomeKind.Appended, answer, LastPosition: committed.LastPosition);
            }
            // The key was taken by an earlier delivery (its events are committed with it): answer as it was answered.
            if (result.DuplicateKey && await EarlierDeliveryAsync(jobUuid, idempotencyKey!, payloadHash!, cancellationToken) is { } first)
            {
                return first;
            }
            // Another writer moved the stream: fold it afresh.
            _heads.Forget(jobUuid);
            if (attempt >= MaxAttempts)
            {
                throw new ConcurrencyException(jobUuid, state.Version, null);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_committer.IsValueCreated)
        {
            await _committer.Value.DisposeAsync();
        }
    }

    /// <summary>The current token of a job (after creation, to hand to the agent), or null when there is no such job.</summary>
    public async Task<string?> TokenAsync(string jobUuid, CancellationToken cancellationToken)
    {
        var state = await LoadStateAsync(jobUuid, cancellationToken);
        return state.Exists ? (await TokensAsync(cancellationToken)).For(jobUuid, state.TokenGeneration) : null;
    }

    /// <summary>The token of a job this node has just created (its first generation), without reading the stream.</summary>
    public async Task<string> NewJobTokenAsync(string jobUuid, CancellationToken cancellationToken) =>
        (await TokensAsync(cancellationToken)).For(jobUuid, JobState.Initial.TokenGeneration);

    public async Task<JobState> LoadStateAsync(string jobUuid, CancellationToken cancellationToken) =>
        (await LoadHeadAsync(jobUuid, cancellationToken))?.State ?? JobState.Initial;

    /// <summary>The job document with its history; hidden jobs only when asked.</summary>
    public Task<JObject?> ReadDocumentAsync(string jobUuid, bool includeDeleted, CancellationToken cancellationToken) =>
        JobDocumentWriter.ReadWholeAsync(store.DataSource, jobUuid, includeDeleted, cancellationToken);

    /// <summary>
    /// Removes the job for good: its events, stream, idempotency records and document; leaves an audit record.
    /// Returns the number of events removed, or null when there was no such job.
    /// </summary>
    public async Task<int?> PurgeAsync(string jobUuid, string actor, CancellationToken cancellationToken)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockStream = new NpgsqlCommand("SELECT version FROM es.streams WHERE stream_id = $1 FOR UPDATE", connection, transaction))
        {
            lockStream.Parameters.AddWithValue(jobUuid);
            if (await lockStream.ExecuteScalarAsync(cancellationToken) is null)
            {
                return null;
            }
        }
        // Projection batches hold their checkpoint row; taking them too means no batch can re-project this job's
        // events after they are gone.
        await Execute(connection, transaction, "SELECT name FROM es.projections ORDER BY name FOR UPDATE", null, cancellationToken);
        var removed = await Execute(connection, transaction, "DELETE FROM es.events WHERE stream_id = $1", jobUuid, cancellationToken);
        await Execute(connection, transaction, "DELETE FROM es.inbox WHERE stream_id = $1", jobUuid, cancellationToken);
        await Execute(connection, transaction, "DELETE FROM es.streams WHERE stream_id = $1", jobUuid, cancellationToken);
        await Execute(connection, transaction, "DELETE FROM job_documents WHERE uuid = $1", jobUuid, cancellationToken);
        await Execute(connection, transaction, "DELETE FROM lineage_edges WHERE job_uuid = $1", jobUuid, cancellationToken);
        await Execute(connection, transaction, "DELETE FROM files WHERE job_uuid = $1", jobUuid, cancellationToken);
        await using (var audit = new NpgsqlCommand(
            "INSERT INTO audit_log (actor, action, job_uuid, detail) VALUES ($1, 'purge', $2, $3::json)", connection, transaction))
        {
            audit.Parameters.AddWithValue(actor);
            audit.Parameters.AddWithValue(jobUuid);
            audit.Parameters.AddWithValue(new JObject { ["events"] = removed }.ToString(Newtonsoft.Json.Formatting.None));
            await audit.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        _heads.Forget(jobUuid);
        return removed;
    }

    private static JObject Answer(string jobUuid, JobState state) => new()
    {
        ["uuid"] = jobUuid,
        ["state"] = state.Status.Wire(),
        ["last_event"] = state.LastEvent,
        ["version"] = state.Version,
    };

    private static NewEvent ToNew(string jobUuid, long version, JobEvent @event) => new(
        Guid.Parse(JobDocument.EventUuid(jobUuid, version)), JobEventTypes.Of(@event), JobEventJson.Serialize(@event));

    // Folds events into a head (null: a new stream); the head given is left as it was.
    private static JobHead Fold(JobHead? head, IReadOnlyList<JobEvent> events)
    {
        var state = head?.State ?? JobState.Initial;
        var document = head?.Document;
        foreach (var @event in events)
        {
            state = JobState.Evolve(state, @event);
            document = JobDocument.Apply(document, state.Version, @event);
        }
        return new JobHead(state, document!);
    }

    // Reads and folds the whole stream once; null when there is no such job.
    private async Task<JobHead?> LoadHeadAsync(string jobUuid, CancellationToken cancellationToken)
    {
        var stored = await store.ReadStreamAsync(jobUuid, cancellationToken);
        if (stored.Count == 0)
        {
            return null;
        }
        var head = Fold(null, stored.Select(e => JobEventJson.DeserializeForState(e.Type, e.Data)).ToArray());
        return head.State.Exists ? head : null;
    }

    // A key is stored only together with the events it appended, so a stored key always has its answer.
    private async Task<JobOutcome?> EarlierDeliveryAsync(string jobUuid, string key, byte[] payloadHash, CancellationToken cancellationToken)
    {
        await using var read = store.DataSource.CreateCommand(
            "SELECT payload_sha256, result::text FROM es.inbox WHERE stream_id = $1 AND delivery_key = $2");
        read.Parameters.AddWithValue(jobUuid);
        read.Parameters.AddWithValue(key);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var samePayload = ((byte[])reader[0]).AsSpan().SequenceEqual(payloadHash);
        return samePayload
            ? new JobOutcome(JobOutcomeKind.Replayed, reader.IsDBNull(1) ? null : (JObject)PythonJson.Parse(reader.GetString(1)))
            : new JobOutcome(JobOutcomeKind.IdempotencyConflict);
    }

    private static string PayloadOf(JobCommand command) => command switch
    {
        JobCommand.Send send => PythonJson.Dumps(new JObject { ["name"] = send.Name.ToLowerInvariant(), ["data"] = send.Data?.DeepClone() }),
        _ => command.GetType().Name,
    };

    private async Task<JobTokens> TokensAsync(CancellationToken cancellationToken)
    {
        if (_tokens is not null)
        {
            return _tokens;
        }
        await _secretLock.WaitAsync(cancellationToken);
        try
        {
            await using var command = store.DataSource.CreateCommand("""
                WITH created AS (
                    INSERT INTO catalog_secrets (name, value) VALUES ('job_token_hmac', $1) ON CONFLICT DO NOTHING RETURNING value
                )
                SELECT value FROM created UNION ALL SELECT value FROM catalog_secrets WHERE name = 'job_token_hmac'
                LIMIT 1
                """);
            command.Parameters.AddWithValue(RandomNumberGenerator.GetBytes(32));
            // A node that lost the race to create the secret may not see it in this statement's snapshot: ask again.
            var secret = await command.ExecuteScalarAsync(cancellationToken) ?? await command.ExecuteScalarAsync(cancellationToken);
            return _tokens = new JobTokens((byte[])secret!);
        }
        finally
        {
            _secretLock.Release();
        }
    }

    private static async Task<int> Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string? argument,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        if (argument is not null)
        {
            command.Parameters.AddWithValue(argument);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
