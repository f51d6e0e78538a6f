namespace Catalog.Core.EventStore;

/// <summary>
/// One append for the store's group commit: events for one stream at an expected version and incarnation (version 0:
/// a new stream, or the next life of a purged one), the idempotency key of the delivery with the answer to keep for
/// its repeats, and the inline rows to commit with it.
/// </summary>
public sealed class StreamAppend
{
    public required string StreamId { get; init; }
    public required string StreamType { get; init; }
    public required long ExpectedVersion { get; init; }
    /// <summary>The incarnation the decision was made on; ignored for a new stream (the store assigns it).</summary>
    public int ExpectedIncarnation { get; init; }
    public required IReadOnlyList<NewEvent> Events { get; init; }
    public DeliveryKey? Delivery { get; init; }
    public IReadOnlyList<InlineRow> Inline { get; init; } = [];

    internal TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>An idempotency key, the hash of the payload it came with, and the answer its repeats get.</summary>
public sealed record DeliveryKey(string Key, byte[] PayloadHash, string Answer);
