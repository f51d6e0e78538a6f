namespace Catalog.Core.OpenLineage;

/// <summary>The three kinds of OpenLineage event: a run's state, a job's static metadata, a dataset's.</summary>
public enum OpenLineageKind
{
    Run,
    Job,
    Dataset,
}

public static class OpenLineageKinds
{
    /// <summary>The kind's definition in the specification's schema (<c>RunEvent</c>, ...).</summary>
    public static string Definition(this OpenLineageKind kind) => kind switch
    {
        OpenLineageKind.Run => "RunEvent",
        OpenLineageKind.Job => "JobEvent",
        _ => "DatasetEvent",
    };

    /// <summary>How the kind is written in the catalog's answers and in its OpenLineage log: run, job, dataset.</summary>
    public static string Wire(this OpenLineageKind kind) => kind.ToString().ToLowerInvariant();
}
