using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Catalog.Tests.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Lineage;

public sealed class JobLineageTests
{
    private const string Job = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5";
    private static readonly DateTimeOffset At = new(2026, 11, 24, 1, 2, 3, TimeSpan.Zero);

    [Fact]
    public void Given_a_created_job_then_child_of_generated_by_acted_on_and_acted_using_edges_from_the_job()
    {
        var spec = JobSpecs.Unique("edges") with
        {
            ChildOf = ["104aaaaa-0000-5000-8000-000000000001", "104aaaaa-0000-5000-8000-000000000002"],
            ActedOn = ["105aaaaa-0000-5000-8000-000000000003"],
            ActedUsing = ["109aaaaa-0000-5000-8000-000000000004"],
        };

        var edges = JobLineage.EdgesOf(new JobEvent.Created(spec) { At = At }, Job);

        Assert.Equal(
        [
            new LineageEdge(Job, LineageRelation.ChildOf, "104aaaaa-0000-5000-8000-000000000001"),
            new LineageEdge(Job, LineageRelation.ChildOf, "104aaaaa-0000-5000-8000-000000000002"),
            new LineageEdge(Job, LineageRelation.GeneratedBy, JobSpecs.Pipeline),
            new LineageEdge(Job, LineageRelation.ActedOn, "105aaaaa-0000-5000-8000-000000000003"),
            new LineageEdge(Job, LineageRelation.ActedUsing, "109aaaaa-0000-5000-8000-000000000004"),
        ], edges);
    }

    [Fact]
    public void Given_indexed_files_then_each_is_child_of_and_generated_by_the_job_and_derived_from_its_inputs()
    {
        var plain = File("105bbbbb-0000-5000-8000-000000000001");
        var product = File("105bbbbb-0000-5000-8000-000000000002") with
        {
            DerivedFrom = ["105bbbbb-0000-5000-8000-000000000001"],
            DerivedUsing = ["109bbbbb-0000-5000-8000-000000000009"],
        };

        var edges = JobLineage.EdgesOf(new JobEvent.FilesIndexed([plain, product]) { At = At }, Job);

        Assert.Equal(
        [
            new LineageEdge(plain.Uuid, LineageRelation.ChildOf, Job),
            new LineageEdge(plain.Uuid, LineageRelation.GeneratedBy, Job),
            new LineageEdge(product.Uuid, LineageRelation.ChildOf, Job),
            new LineageEdge(product.Uuid, LineageRelation.GeneratedBy, Job),
            new LineageEdge(product.Uuid, LineageRelation.DerivedFrom, plain.Uuid),
            new LineageEdge(product.Uuid, LineageRelation.DerivedUsing, "109bbbbb-0000-5000-8000-000000000009"),
        ], edges);
    }

    [Fact]
    public void Given_events_that_state_no_edges_then_none()
    {
        JobEvent[] events =
        [
            new JobEvent.Progressed(JobEventName.Run, "run", new JObject()) { At = At },
            new JobEvent.Hidden("admin") { At = At },
            new JobEvent.Restored("admin") { At = At },
            new JobEvent.TokenRotated(2, "admin") { At = At },
        ];

        Assert.All(events, e => Assert.Empty(JobLineage.EdgesOf(e, Job)));
    }

    [Fact]
    public void Given_a_job_with_dependencies_then_a_depends_on_edge_to_each()
    {
        var spec = new JobSpec
        {
            Uuid = Job, PipelineUuid = "10650844-1baa-55c5-a481-5e945b19c065", Data = [], ChildOf = [], ArchivePath = "/products/v2/x",
            ArchiveSystem = "data-sd2e-community",
            DependsOn = [new JobDependency("107b93f3-1eae-5e79-8a18-0a480f8aa3a6", DependencyCondition.Done)],
        };

        var edges = JobLineage.EdgesOf(new JobEvent.Created(spec) { At = At }, Job);

        Assert.Contains(new LineageEdge(Job, LineageRelation.DependsOn, "107b93f3-1eae-5e79-8a18-0a480f8aa3a6"), edges);
    }

    [Fact]
    public void Given_the_relations_then_their_wire_names_are_the_references_six_depends_on_and_member_of_and_read_back()
    {
        Assert.Equal(["child_of", "generated_by", "derived_from", "derived_using", "acted_on", "acted_using", "depends_on", "member_of"],
            LineageRelation.All.Select(r => r.Wire));
        Assert.All(LineageRelation.All, r => Assert.Same(r, LineageRelation.FromWire(r.Wire)));
        Assert.Null(LineageRelation.FromWire("connects"));
    }

    [Fact]
    public void Given_a_group_at_creation_or_joined_later_then_the_job_is_member_of_it()
    {
        var group = Catalog.Core.Groups.GroupService.Uuid("nightly", null);
        const string job = "107b93f3-1eae-5e79-8a18-0a480f8aa3a1";

        var created = JobLineage.EdgesOf(new JobEvent.Created(Catalog.Tests.Domain.Scenarios.Spec() with { Uuid = job, Group = group }) { At = DateTimeOffset.UnixEpoch }, job);
        var joined = JobLineage.EdgesOf(new JobEvent.Joined(group) { At = DateTimeOffset.UnixEpoch }, job);

        Assert.Contains(new LineageEdge(job, LineageRelation.MemberOf, group), created);
        Assert.Equal([new LineageEdge(job, LineageRelation.MemberOf, group)], joined);
    }

    private static IndexedFile File(string uuid) => new()
    {
        Uuid = uuid,
        FileId = "file.tacc.x",
        Name = "/products/v2/x/" + uuid,
        StorageSystem = "data-sd2e-community",
    };
}
