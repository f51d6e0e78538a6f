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

/// <summary>Where an append landed: the stream's new version and the global positions it took.</summary>
public sealed record AppendResult(long Version, long FirstPosition, long LastPosition);
