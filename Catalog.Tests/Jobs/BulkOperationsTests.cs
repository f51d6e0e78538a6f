using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Operations;
using Catalog.Core.Identifiers;
using Microsoft.Extensions.Logging.Abstractions;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.Jobs;

/// <summary>Bulk reruns over the real store: resumed after a stop, harmless when two nodes run the same one.</summary>
[Trait("Category", "Database")]
public sealed class BulkOperationsTests(JobServiceFixture db) : IClassFixture<JobServiceFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly JobActor Admin = new("admin", "ops");

    [Fact]
    public async Task Given_an_operation_cut_short_before_its_first_job_when_the_catalog_starts_again_then_it_is_resumed_and_finished()
    {
        var (pipeline, failed, finished) = await JobsAsync();
        var first = Node();
        var filter = new RerunFilter(JobStatus.Failed, pipeline, null);
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();

        var (id, _) = await first.StartRerunAsync(filter, await first.CandidatesAsync(filter, None), "input fixed", Admin, stopped.Token);
        await first.WhenIdleAsync();
        var cut = await first.LoadAsync(id, None);
        var restarted = Node();
        await restarted.ResumeAsync(None);
        await restarted.WhenIdleAsync();
        var resumed = await restarted.LoadAsync(id, None);

        Assert.False(cut.Finished);
        Assert.Equal(2, cut.Jobs.Count);
        Assert.True(resumed.Finished);
        Assert.Equal(failed.Order(), resumed.Done.Order());
        Assert.Empty(resumed.Skipped);
        foreach (var job in failed)
        {
            var state = await db.Jobs.LoadAsync(job, None);
            Assert.Equal((JobStatus.Created, 5L), (state.Status, state.Version));
        }
        Assert.Equal(JobStatus.Finished, (await db.Jobs.LoadAsync(finished, None)).Status);
    }

    [Fact]
    public async Task Given_two_nodes_running_the_same_operation_then_each_job_is_rerun_once_and_a_job_that_moved_on_is_skipped()
    {
        var (pipeline, failed, _) = await JobsAsync();
        var filter = new RerunFilter(JobStatus.Failed, pipeline, null);
        var first = Node();
        var candidates = await first.CandidatesAsync(filter, None);
        // One of the jobs is readied by hand after it was found: the operation must leave it alone.
        await db.Jobs.HandleAsync(failed[0], new JobCommand.Rerun("admin:by-hand"), JobCaller.Admin, null, None);
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync();
        var (id, _) = await first.StartRerunAsync(filter, candidates, null, Admin, stopped.Token);
        await first.WhenIdleAsync();

        var second = Node();
        var third = Node();
        await Task.WhenAll(second.ResumeAsync(None), third.ResumeAsync(None));
        await Task.WhenAll(second.WhenIdleAsync(), third.WhenIdleAsync());
        var operation = await second.LoadAsync(id, None);

        Assert.True(operation.Finished);
        Assert.Contains(failed[0], operation.Skipped);
        Assert.Contains(failed[1], operation.Done);
        Assert.Equal(5L, (await db.Jobs.LoadAsync(failed[0], None)).Version);
        Assert.Equal(5L, (await db.Jobs.LoadAsync(failed[1], None)).Version);
    }

    private BulkOperations Node() => new(new Store(db.DataSource), db.Jobs, TimeProvider.System, NullLogger<BulkOperations>.Instance);

    // Two failed jobs and a finished one of a fresh pipeline.
    private async Task<(string Pipeline, string[] Failed, string Finished)> JobsAsync()
    {
        var pipeline = TypedUuid.Create(UuidType.Pipeline, Guid.NewGuid().ToString());
        var specs = Enumerable.Range(0, 3).Select(i => JobSpecs.Unique() with { PipelineUuid = pipeline }).ToArray();
        foreach (var (spec, i) in specs.Select((s, i) => (s, i)))
        {
            await db.Jobs.CreateOrAttachAsync(spec, None);
            await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("run", null), JobCaller.Admin, null, None);
            await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send(i < 2 ? "fail" : "finish", null), JobCaller.Admin, null, None);
        }
        return (pipeline, [specs[0].Uuid, specs[1].Uuid], specs[2].Uuid);
    }
}
