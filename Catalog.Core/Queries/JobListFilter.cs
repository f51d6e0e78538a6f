namespace Catalog.Core.Queries;

/// <summary>The validated filters of the job list; null members do not filter.</summary>
public sealed record JobListFilter
{
    /// <summary>The state in its stored (upper-case) form.</summary>
    public string? State { get; init; }
    public string? PipelineUuid { get; init; }
    /// <summary>The resolved UUID the job's child_of must contain.</summary>
    public string? ChildOf { get; init; }
    /// <summary>Only jobs updated strictly after this UTC instant.</summary>
    public DateTime? UpdatedAfter { get; init; }
    public bool IncludeDeleted { get; init; }
    /// <summary>Tags the job must all carry.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Labels (<c>key:value</c>) the job must all carry.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];
    public string? Owner { get; init; }
    /// <summary>The group the job must belong to.</summary>
    public string? Group { get; init; }
    /// <summary>The job an OpenLineage run (its <c>runId</c>, lower-case) was recorded as.</summary>
    public string? OpenLineageRunId { get; init; }
    /// <summary>Only jobs in an active state (<see cref="ActiveStates"/>) with no event for this many seconds.</summary>
    public long? StaleAfterSeconds { get; init; }

    /// <summary>The states in which a job is expected to send events: those <c>cancel</c> applies to.</summary>
    public static IReadOnlyList<string> ActiveStates { get; } =
        Enum.GetValues<Jobs.JobStatus>().Where(s => Jobs.JobTransitions.Next(s, Jobs.JobEventName.Cancel) is not null).Select(Jobs.JobNames.Wire).ToArray();
    public PageRequest Page { get; init; } = PageRequest.First;
}
