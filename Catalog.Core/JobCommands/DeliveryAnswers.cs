using System.Security.Cryptography;
using System.Text;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Answers to commands that append nothing, and idempotent deliveries: a command sent with an <c>event_id</c> or <c>Idempotency-Key</c> is recorded with the hash
/// of its payload and its answer; a repeat with the same payload gets that answer, one with another payload a conflict.
/// </summary>
public static class DeliveryAnswers
{
    /// <summary>The hash a delivery's payload is compared by.</summary>
    public static byte[] PayloadHash(JobCommand command) => SHA256.HashData(Encoding.UTF8.GetBytes(command switch
    {
        JobCommand.Send send => PythonJson.Dumps(new JObject { ["name"] = send.Name.ToLowerInvariant(), ["data"] = send.Data?.DeepClone() }),
        JobCommand.ApplyLineage lineage => "openlineage:" + lineage.Fingerprint,
        _ => command.GetType().Name,
    }));

    /// <summary>How an earlier delivery with this key was answered; null when the key was never used.</summary>
    public static async Task<JobOutcome?> EarlierAsync(Store store, string jobUuid, string key, byte[] payloadHash,
        CancellationToken cancellationToken)
    {
        // A key is stored only together with the events it appended, so a stored key always has its answer.
        if (await store.DeliveryAsync(jobUuid, key, cancellationToken) is not { } earlier)
        {
            return null;
        }
        return earlier.PayloadHash.AsSpan().SequenceEqual(payloadHash)
            ? new JobOutcome(JobOutcomeKind.Replayed, earlier.Answer is null ? null : (JObject)PythonJson.Parse(earlier.Answer))
            : new JobOutcome(JobOutcomeKind.IdempotencyConflict);
    }

    /// <summary>
    /// The answer to a command that appends nothing: unauthorized (no decision), the first answer of a delivery key
    /// used before, unchanged, not found, or rejected.
    /// </summary>
    public static async Task<JobOutcome> RefusedOrUnchangedAsync(Store store, string jobUuid, JobState state, JobDecision? decision, string? deliveryKey,
        byte[]? payloadHash, CancellationToken cancellationToken)
    {
        if (decision is null)
        {
            return new JobOutcome(JobOutcomeKind.Unauthorized, State: state);
        }
        // A repeat of a delivery that was recorded answers as it did then, even if the job has moved on since.
        if (deliveryKey is not null && await EarlierAsync(store, jobUuid, deliveryKey, payloadHash!, cancellationToken) is { } earlier)
        {
            return earlier;
        }
        return decision.Rejection switch
        {
            null => new JobOutcome(JobOutcomeKind.Unchanged, state.Exists ? JobDocument.Answer(jobUuid, state) : null, State: state),
            { Kind: RejectionKind.UnknownJob } rejection => new JobOutcome(JobOutcomeKind.NotFound, Rejection: rejection, State: state),
            var rejection => new JobOutcome(JobOutcomeKind.Rejected, Rejection: rejection, State: state),
        };
    }
}
