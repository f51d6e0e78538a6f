namespace Catalog.Core.Lineage;

/// <summary>
/// Which way a lineage walk goes. Upstream follows edges forwards (a file to the job that generated it, the job to its
/// measurements); downstream follows them backwards; both is the union of the two directed walks, never an undirected
/// walk (which would go from a job up to its pipeline and back down to every job of that pipeline).
/// </summary>
public enum LineageDirection
{
    Upstream,
    Downstream,
    Both,
}
