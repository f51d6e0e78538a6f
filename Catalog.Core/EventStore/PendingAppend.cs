using Newtonsoft.Json.Linq;

namespace Catalog.Core.EventStore;

/// <summary>
/// One decided append waiting for a group commit: the events for one stream at an expected version, the job document
/// they lead to, and the idempotency key (with the answer to keep) when the delivery had one.
/// </summary>
public sealed class PendingAppend(string streamId, string streamType, long expectedVersion, IReadOnlyList<NewEvent> events,
    JObject document, string? deliveryKey, byte[]? payloadHash, JObject answer)
{
    public string StreamId { get; } = streamId;
    public string StreamType { get; } = streamType;
    public long ExpectedVersion { get; } = expectedVersion;
    public IReadOnlyList<NewEvent> Events { get; } = events;
    public JObject Document { get; } = document;
    public string? DeliveryKey { get; } = deliveryKey;
    public byte[]? PayloadHash { get; } = payloadHash;
    public JObject Answer { get; } = answer;

    internal TaskCompletionSource<GroupCommitResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What happened to a pending append: committed at these positions, lost the version race, or its key was taken.</summary>
public sealed record GroupCommitResult(AppendResult? Committed, bool VersionConflict, bool DuplicateKey);
