namespace Catalog.Core.EventStore;

/// <summary>An event to append: its id (unique across the store), persisted type name and JSON texts.</summary>
public sealed record NewEvent(Guid EventId, string Type, string Data, string Metadata = "{}");

/// <summary>An event as stored: global position, per-stream version, and when the database recorded it.</summary>
public sealed record RecordedEvent(
    long Position,
    Guid EventId,
    string StreamId,
    long Version,
    string Type,
    string Data,
    string Metadata,
    DateTimeOffset RecordedAt);

/// <summary>Where an append landed: the stream's new version and incarnation, and the global positions it took.</summary>
public sealed record AppendResult(long Version, int Incarnation, long FirstPosition, long LastPosition);

/// <summary>
/// A stream's version and incarnation (its life since the last purge; 1 for a stream never purged). A stream that does
/// not exist has version 0; if it was purged, its incarnation is the one that ended.
/// </summary>
public sealed record StreamHead(long Version, int Incarnation)
{
    public static StreamHead None { get; } = new(0, 0);
}

/// <summary>A stream read whole: its head and its events in version order.</summary>
public sealed record StreamRead(StreamHead Head, IReadOnlyList<RecordedEvent> Events);
