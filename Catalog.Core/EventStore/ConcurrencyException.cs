namespace Catalog.Core.EventStore;

/// <summary>The stream was not at the expected version: someone else appended first. Nothing was written.</summary>
public sealed class ConcurrencyException(string streamId, long expected, long? actual)
    : Exception($"Stream {streamId} is at version {actual?.ToString() ?? "none"}, not {expected}.")
{
    public string StreamId { get; } = streamId;
    public long Expected { get; } = expected;
    public long? Actual { get; } = actual;
}
