namespace Catalog.Core.Jobs;

public enum RejectionKind
{
    UnknownJob,
    UnknownEvent,
    Forbidden,
    /// <summary>The event is allowed, but its data is not what it must carry (<see cref="JobEventData"/>).</summary>
    InvalidData,
}

/// <summary>Why a command was refused; carries the current state and what would have been accepted.</summary>
public sealed record JobRejection(RejectionKind Kind, string Message, JobStatus? State, IReadOnlyList<string> AllowedEvents)
{
    /// <summary>Each problem of the data, naming its member (<see cref="RejectionKind.InvalidData"/>).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];
}
