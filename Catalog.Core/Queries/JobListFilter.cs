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
    public PageRequest Page { get; init; } = PageRequest.First;
}
