namespace Catalog.Core.EventStore;

public enum AppendStatus
{
    /// <summary>The events are committed (and the inline rows and the delivery's answer with them).</summary>
    Committed,
    /// <summary>The stream is not at the expected version and incarnation: nothing written; load and decide again.</summary>
    VersionConflict,
    /// <summary>The delivery key was recorded by an earlier append: nothing written; answer as it was answered.</summary>
    DuplicateKey,
    /// <summary>PostgreSQL refused what this append carries: nothing of it written, the rest of its batch unharmed.</summary>
    Unstorable,
}

/// <summary>What became of one <see cref="StreamAppend"/>.</summary>
public sealed record AppendOutcome(AppendStatus Status, AppendResult? Committed = null, string? Problem = null);
