namespace Catalog.Core.Jobs;

public enum RejectionKind
{
    UnknownJob,
    UnknownEvent,
    Forbidden,
    /// <summary>The event is allowed, but its data is not what it must carry (<see cref="JobEventData"/>).</summary>
    InvalidData,
    /// <summary><c>run</c> of a job whose dependencies are not met yet (<see cref="JobRejection.Unmet"/>).</summary>
    UnmetDependencies,
    /// <summary>The command contradicts what the job already is (it belongs to another group).</summary>
    Conflict,
}

/// <summary>A dependency that holds a run back: the job, its condition, its state (null: no such job) and whether it can still be met.</summary>
public sealed record UnmetDependency(string Job, string When, string? State, bool Blocked)
{
    /// <summary>The sequential group whose order this wait comes from (null: a <c>depends_on</c> entry).</summary>
    public string? Group { get; init; }
}

/// <summary>Why a command was refused; carries the current state and what would have been accepted.</summary>
public sealed record JobRejection(RejectionKind Kind, string Message, JobStatus? State, IReadOnlyList<string> AllowedEvents)
{
    /// <summary>Each problem of the data, naming its member (<see cref="RejectionKind.InvalidData"/>).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Each dependency that holds the run back (<see cref="RejectionKind.UnmetDependencies"/>).</summary>
    public IReadOnlyList<UnmetDependency> Unmet { get; init; } = [];
}
