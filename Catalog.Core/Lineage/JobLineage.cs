using Catalog.Core.Jobs;

namespace Catalog.Core.Lineage;

/// <summary>The lineage edges a job event states, as a pure function of the event.</summary>
public static class JobLineage
{
    /// <summary>
    /// <c>job.created</c>: the job child_of, generated_by, acted_on and acted_using what its spec names.
    /// <c>job.files_indexed</c>: each file child_of and generated_by the job, derived_from and derived_using what it
    /// names. <c>job.joined_group</c>: the job member_of the group (as a group given at creation). Every other event
    /// states no edges.
    /// </summary>
    public static IReadOnlyList<LineageEdge> EdgesOf(JobEvent @event, string jobUuid)
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(jobUuid);
        return @event switch
        {
            JobEvent.Created created => OfSpec(created.Spec, jobUuid),
            JobEvent.FilesIndexed indexed => OfFiles(indexed.Files, jobUuid),
            JobEvent.Joined joined => [new LineageEdge(jobUuid, LineageRelation.MemberOf, joined.Group)],
            _ => [],
        };
    }

    private static List<LineageEdge> OfSpec(JobSpec spec, string jobUuid)
    {
        var edges = new List<LineageEdge>();
        Add(edges, jobUuid, LineageRelation.ChildOf, spec.ChildOf);
        Add(edges, jobUuid, LineageRelation.GeneratedBy, spec.GeneratedBy);
        Add(edges, jobUuid, LineageRelation.ActedOn, spec.ActedOn);
        Add(edges, jobUuid, LineageRelation.ActedUsing, spec.ActedUsing);
        Add(edges, jobUuid, LineageRelation.DependsOn, spec.DependsOn.Select(d => d.Job).ToArray());
        Add(edges, jobUuid, LineageRelation.MemberOf, spec.Group is null ? [] : [spec.Group]);
        return edges;
    }

    private static List<LineageEdge> OfFiles(IReadOnlyList<IndexedFile> files, string jobUuid)
    {
        var edges = new List<LineageEdge>();
        foreach (var file in files)
        {
            edges.Add(new LineageEdge(file.Uuid, LineageRelation.ChildOf, jobUuid));
            edges.Add(new LineageEdge(file.Uuid, LineageRelation.GeneratedBy, jobUuid));
            Add(edges, file.Uuid, LineageRelation.DerivedFrom, file.DerivedFrom);
            Add(edges, file.Uuid, LineageRelation.DerivedUsing, file.DerivedUsing);
        }
        return edges;
    }

    private static void Add(List<LineageEdge> edges, string from, LineageRelation relation, IReadOnlyList<string> targets)
    {
        foreach (var to in targets)
        {
            edges.Add(new LineageEdge(from, relation, to));
        }
    }
}
