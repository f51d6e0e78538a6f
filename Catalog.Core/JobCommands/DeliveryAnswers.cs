using System.Security.Cryptography;
using System.Text;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Idempotent deliveries: a command sent with an <c>event_id</c> or <c>Idempotency-Key</c> is recorded with the hash
/// of its payload and its answer; a repeat with the same payload gets that answer, one with another payload a conflict.
/// </summary>
public static class DeliveryAnswers
{
    /// <summary>The hash a delivery's payload is compared by.</summary>
    public static byte[] PayloadHash(JobCommand command) => SHA256.HashData(Encoding.UTF8.GetBytes(command switch
    {
        JobCommand.Send send => PythonJson.Dumps(new JObject { ["name"] = send.Name.ToLowerInvariant(), ["data"] = send.Data?.DeepClone() }),
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
}
