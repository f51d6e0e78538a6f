namespace Catalog.Core.Jobs;

/// <summary>What a dependency waits for: the other job's run succeeded, failed, or is over either way; or nothing.</summary>
public enum DependencyCondition
{
    Success,
    Failure,
    Done,
    Always,
}

/// <summary>
/// A job's <c>depends_on</c> entry: its <c>run</c> is refused (409) until <see cref="Job"/> is in a state that meets
/// <see cref="When"/>. <c>success</c>: FINISHED or a state reached from it (INDEXING, VALIDATING, VALIDATED, FINALIZED);
/// <c>failure</c>: FAILED; <c>done</c>: any of those, CANCELLED, REJECTED or RETIRED; <c>always</c>: never waits (the
/// dependency is recorded, as a lineage edge, and orders nothing).
/// </summary>
public sealed record JobDependency(string Job, DependencyCondition When)
{
    public const int MaxCount = 100;

    public string WhenWire => When.ToString().ToLowerInvariant();

    public static bool TryParseWhen(string? text, out DependencyCondition when)
    {
        when = default;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out when);
    }

    /// <summary>Whether the other job's state meets the condition (null: the job does not exist).</summary>
    public bool IsMet(JobStatus? state) => When switch
    {
        DependencyCondition.Always => true,
        _ when state is null => false,
        DependencyCondition.Success => IsSuccess(state.Value),
        DependencyCondition.Failure => state == JobStatus.Failed,
        _ => IsSuccess(state.Value) || state is JobStatus.Failed or JobStatus.Cancelled or JobStatus.Rejected or JobStatus.Retired,
    };

    /// <summary>
    /// Whether the condition cannot be met without the other job being reset first (its run ended the other way, or
    /// it no longer exists).
    /// </summary>
    public bool IsUnmeetable(JobStatus? state) => When switch
    {
        DependencyCondition.Always or DependencyCondition.Done => state is null,
        DependencyCondition.Success => state is null or JobStatus.Failed or JobStatus.Cancelled or JobStatus.Rejected or JobStatus.Retired,
        _ => state is null || IsSuccess(state.Value) || state is JobStatus.Cancelled or JobStatus.Rejected or JobStatus.Retired,
    };

    /// <summary>FINISHED or a state reached from it but REJECTED: what <c>success</c> and a sequential group wait for.</summary>
    public static bool IsSuccess(JobStatus state) =>
        state is JobStatus.Finished or JobStatus.Indexing or JobStatus.Validating or JobStatus.Validated or JobStatus.Finalized;
}
