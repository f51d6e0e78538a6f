namespace Catalog.Core.Jobs;

public enum RejectionKind
{
    UnknownJob,
    UnknownEvent,
    Forbidden,
}

/// <summary>Why a command was refused; carries the current state and what would have been accepted.</summary>
public sealed record JobRejection(RejectionKind Kind, string Message, JobStatus? State, IReadOnlyList<string> AllowedEvents);
