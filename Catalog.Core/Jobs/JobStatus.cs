namespace Catalog.Core.Jobs;

/// <summary>The 11 states of a pipeline job, stored upper-case as python-datacatalog does.</summary>
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
}
