using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.JobCommands;

/// <summary>
/// The one imperative shell for jobs: load the stream (or the state kept from this node's last append to it), fold,
/// decide, append with the expected version and incarnation, the job document riding along as the inline row. A
/// version conflict decides again on the new state, so concurrent valid events are all recorded.
/// </summary>
public sealed class JobService(Store store, TimeProvider clock, int headCapacity = 1024)
{
    public const string StreamType = "pipelinejob";
    private const int MaxAttempts = 500;

    private readonly SemaphoreSlim[] _turns = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    private readonly JobHeads _heads = new(headCapacity);

    /// <summary>The store the service appends to.</summary>
    public Store Store => store;

    /// <summary>Raised after every commit that appended events, with the last position (wakes the projection daemon).</summary>
    public event Action<long>? Appended;

    /// <summary>The job as its stream folds now; <see cref="JobState.Exists"/> is false when there is no such job.</summary>
    public async Task<JobState> LoadAsync(string jobUuid, CancellationToken cancellationToken) =>
        _heads.Get(jobUuid) is { } kept && await IsCurrentAsync(jobUuid, kept, cancellationToken) ? kept : await FoldAsync(jobUuid, cancellationToken);

    /// <summary>
    /// The state this node kept from its last append to the job (<c>Kept</c>; another node may have written since, which
    /// the append's check catches), else <see cref="LoadAsync"/>'s. A refusal made on a kept state is confirmed with
    /// <see cref="LoadAsync"/>.
    /// </summary>
    public async Task<(JobState State, bool Kept)> PeekAsync(string jobUuid, CancellationToken cancellationToken) =>
        _heads.Get(jobUuid) is { } kept ? (kept, true) : (await FoldAsync(jobUuid, cancellationToken), false);

    private async Task<JobState> FoldAsync(string jobUuid, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadStreamAsync(jobUuid, cancellationToken);
        var state = loaded.Events.Select(e => JobEventJson.DeserializeForState(e.Type, e.Data))
            .Aggregate(JobState.Initial with { Incarnation = loaded.Head.Incarnation }, JobState.Evolve);
        if (state.Exists)
        {
            _heads.Set(jobUuid, state);
        }
        return state;
    }

    /// <summary>Creates the job (<see cref="JobOutcomeKind.Appended"/>) or finds it existing (<see cref="JobOutcomeKind.Unchanged"/>).</summary>
    public Task<JobOutcome> CreateOrAttachAsync(JobSpec spec, CancellationToken cancellationToken) =>
        HandleAsync(spec.Uuid, new JobCommand.Create(spec), JobCaller.Admin, null, cancellationToken);

    /// <summary>
    /// Decides and records a command for <paramref name="caller"/>. With an idempotency key, a repeat of the same
    /// payload answers the first result and appends nothing.
    /// </summary>
    public async Task<JobOutcome> HandleAsync(string jobUuid, JobCommand command, JobCaller caller, string? deliveryKey,
        CancellationToken cancellationToken)
    {
        var payloadHash = deliveryKey is null ? null : DeliveryAnswers.PayloadHash(command);
        // Requests for one job in this process take turns, so they decide on fresh state instead of racing to a
        // version conflict; other nodes are still caught by the version check.
        var turn = _turns[(uint)StringComparer.Ordinal.GetHashCode(jobUuid) % (uint)_turns.Length];
        await turn.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                // A new job is created without reading its (empty) stream; losing that race means it exists: load it.
                var kept = _heads.Get(jobUuid);
                var state = kept ?? (command is JobCommand.Create && attempt == 1 ? JobState.Initial : await FoldAsync(jobUuid, cancellationToken));
                var decision = caller.Admits(state) ? JobDecider.Decide(state, command, clock.GetUtcNow()) : null;
                if (decision is not { Rejection: null, Events.Count: > 0 })
                {
                    // A refusal or a no-op never reaches the append's version check, so a kept state is confirmed first:
                    // another node may have moved the stream to where this command is allowed (or rotated the token).
                    if (kept is not null && !await IsCurrentAsync(jobUuid, kept, cancellationToken))
                    {
                        _heads.Forget(jobUuid);
                        continue;
                    }
                    return await DeliveryAnswers.RefusedOrUnchangedAsync(store, jobUuid, state, decision, deliveryKey, payloadHash, cancellationToken);
                }
                var next = decision.Events.Aggregate(state, JobState.Evolve);
                var answer = JobDocument.Answer(jobUuid, next);
                var append = JobAppend.Of(jobUuid, state, decision.Events, next, answer,
                    deliveryKey is null ? null : new DeliveryKey(deliveryKey, payloadHash!, answer.ToString(Newtonsoft.Json.Formatting.None)));
                var outcome = await AppendAsync(append, cancellationToken);
                switch (outcome.Status)
                {
                    case AppendStatus.Committed:
                        next = next with { Incarnation = outcome.Committed!.Incarnation };
                        _heads.Set(jobUuid, next);
                        Appended?.Invoke(outcome.Committed.LastPosition);
                        return new JobOutcome(JobOutcomeKind.Appended, answer, LastPosition: outcome.Committed.LastPosition, State: next);
                    case AppendStatus.DuplicateKey when await DeliveryAnswers.EarlierAsync(store, jobUuid, deliveryKey!, payloadHash!, cancellationToken) is { } first:
                        return first;
                    case AppendStatus.Unstorable:
                        return new JobOutcome(JobOutcomeKind.Unstorable, Problem: outcome.Problem);
                }
                _heads.Forget(jobUuid);
            }
            throw new InvalidOperationException($"Job {jobUuid}: no decision survived {MaxAttempts} version conflicts.");
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Drops what this node keeps of a job (after a purge).</summary>
    public void Forget(string jobUuid) => _heads.Forget(jobUuid);

    private async Task<bool> IsCurrentAsync(string jobUuid, JobState kept, CancellationToken cancellationToken) =>
        await store.HeadOfAsync(jobUuid, cancellationToken) == new StreamHead(kept.Version, kept.Incarnation);

    private async Task<AppendOutcome> AppendAsync(StreamAppend append, CancellationToken cancellationToken)
    {
        try
        {
            return await store.AppendAsync(append, cancellationToken);
        }
        catch
        {
            _heads.Forget(append.StreamId);
            throw;
        }
    }
}
