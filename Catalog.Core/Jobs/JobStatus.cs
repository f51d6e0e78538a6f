namespace Catalog.Core.Jobs;

/// <summary>The states of a pipeline job, stored upper-case as python-datacatalog does: its 11, then CANCELLED.</summary>
public enum JobStatus
{
    Created,
    Running,
    Failed,
    Finished,
    Indexing,
    Validating,
    Validated,
    Rejected,
    Finalized,
    Retired,
    Reset,
    Cancelled,
}
