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
    private readonly JobStreams _streams = new(store, headCapacity);

    /// <summary>The store the service appends to.</summary>
    public Store Store => store;

    /// <summary>Raised after every commit that appended events, with the last position (wakes the projection daemon).</summary>
    public event Action<long>? Appended;

    /// <summary>The job as its stream folds now; <see cref="JobState.Exists"/> is false when there is no such job.</summary>
    public Task<JobState> LoadAsync(string jobUuid, CancellationToken cancellationToken) => _streams.LoadAsync(jobUuid, cancellationToken);

    /// <summary>
    /// The state kept from this node's last append (<c>Kept</c>: unconfirmed, the append's check catches a stale one),
    /// else the stream folded. A refusal made on a kept state is to be confirmed with <see cref="LoadAsync"/>.
    /// </summary>
    public Task<(JobState State, bool Kept)> PeekAsync(string jobUuid, CancellationToken cancellationToken) =>
        _streams.PeekAsync(jobUuid, cancellationToken);

    /// <summary>Creates the job (<see cref="JobOutcomeKind.Appended"/>) or finds it existing (<see cref="JobOutcomeKind.Unchanged"/>).</summary>
    public Task<JobOutcome> CreateOrAttachAsync(JobSpec spec, CancellationToken cancellationToken, JobActor? actor = null) =>
        HandleAsync(spec.Uuid, new JobCommand.Create(spec), actor is null ? JobCaller.Admin : JobCaller.AdminAs(actor), null, cancellationToken);

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
                var kept = _streams.Kept(jobUuid);
                var state = kept ?? (command is JobCommand.Create && attempt == 1 ? JobState.Initial : await _streams.FoldAsync(jobUuid, cancellationToken));
                var decision = caller.Admits(state)
                    ? JobDecider.Decide(state, await _streams.WithDependenciesAsync(state, command, cancellationToken), clock.GetUtcNow())
                    : null;
                if (decision is not { Rejection: null, Events.Count: > 0 })
                {
                    // A refusal or a no-op never reaches the append's version check, so a kept state is confirmed first:
                    // another node may have moved the stream to where this command is allowed (or rotated the token).
                    if (kept is not null && !await _streams.IsCurrentAsync(jobUuid, kept, cancellationToken))
                    {
                        _streams.Forget(jobUuid);
                        continue;
                    }
                    return await DeliveryAnswers.RefusedOrUnchangedAsync(store, jobUuid, state, decision, deliveryKey, payloadHash, cancellationToken);
                }
                var next = decision.Events.Aggregate(state, JobState.Evolve);
                var answer = JobDocument.Answer(jobUuid, next);
                var append = JobAppend.Of(jobUuid, state, decision.Events, next, answer,
                    deliveryKey is null ? null : new DeliveryKey(deliveryKey, payloadHash!, answer.ToString(Newtonsoft.Json.Formatting.None)), caller.Actor,
                    AuditRow.Of(jobUuid, command, caller.Actor, decision.Events));
                var outcome = await AppendAsync(append, cancellationToken);
                switch (outcome.Status)
                {
                    case AppendStatus.Committed:
                        next = next with { Incarnation = outcome.Committed!.Incarnation };
                        _streams.Keep(jobUuid, next);
                        Appended?.Invoke(outcome.Committed.LastPosition);
                        return new JobOutcome(JobOutcomeKind.Appended, answer, LastPosition: outcome.Committed.LastPosition, State: next);
                    case AppendStatus.DuplicateKey when await DeliveryAnswers.EarlierAsync(store, jobUuid, deliveryKey!, payloadHash!, cancellationToken) is { } first:
                        return first;
                    case AppendStatus.Unstorable:
                        return new JobOutcome(JobOutcomeKind.Unstorable, Problem: outcome.Problem);
                }
                _streams.Forget(jobUuid);
            }
            throw new InvalidOperationException($"Job {jobUuid}: no decision survived {MaxAttempts} version conflicts.");
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Drops what this node keeps of a job (after a purge).</summary>
    public void Forget(string jobUuid) => _streams.Forget(jobUuid);

    private async Task<AppendOutcome> AppendAsync(StreamAppend append, CancellationToken cancellationToken)
    {
        try
        {
            return await store.AppendAsync(append, cancellationToken);
        }
        catch
        {
            _streams.Forget(append.StreamId);
            throw;
        }
    }
}
