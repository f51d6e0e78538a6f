using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Jobs;

/// <summary>
/// Two job services over one database stand for two catalog nodes: each keeps the folded heads of the streams it
/// wrote, so each must notice when the other moved a stream on.
/// </summary>
public sealed class TwoNodeJobServiceTests(JobServiceFixture db) : IClassFixture<JobServiceFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_a_stream_moved_on_by_another_node_when_an_event_is_posted_then_it_is_decided_on_the_new_state()
    {
        await using var other = new JobService(db.Store, TimeProvider.System);
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateOrAttachAsync(spec, None);
        Assert.Equal(JobOutcomeKind.Appended, (await Admin(db.Jobs, spec.Uuid, "run")).Kind);

        Assert.Equal(JobOutcomeKind.Appended, (await Admin(other, spec.Uuid, "finish")).Kind);
        // This node's head still says RUNNING at version 2; "update" is allowed there but not after "finish".
        var update = await Admin(db.Jobs, spec.Uuid, "update");
        var index = await Admin(db.Jobs, spec.Uuid, "index");

        Assert.Equal(JobOutcomeKind.Rejected, update.Kind);
        Assert.Equal(JobOutcomeKind.Appended, index.Kind);
        Assert.Equal(4L, (long)index.Result!["version"]!);
        var document = await db.Jobs.ReadDocumentAsync(spec.Uuid, false, None);
        Assert.Equal("INDEXING", (string?)document!["state"]);
        Assert.Equal(["create", "run", "finish", "index"], ((JArray)document["history"]!).Select(h => (string)h["name"]!));
    }

    [Fact]
    public async Task Given_a_token_rotated_on_another_node_then_the_old_token_is_refused_here()
    {
        await using var other = new JobService(db.Store, TimeProvider.System);
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateOrAttachAsync(spec, None);
        var oldToken = await db.Jobs.TokenAsync(spec.Uuid, None);
        Assert.Equal(JobOutcomeKind.Appended,
            (await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("run", null), false, oldToken, null, None)).Kind);

        await other.HandleAsync(spec.Uuid, new JobCommand.RotateToken("admin"), true, null, null, None);
        var withOld = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("update", null), false, oldToken, null, None);
        var withNew = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("update", null), false,
            await other.TokenAsync(spec.Uuid, None), null, None);

        Assert.Equal(JobOutcomeKind.Unauthorized, withOld.Kind);
        Assert.Equal(JobOutcomeKind.Appended, withNew.Kind);
        Assert.Equal(4L, await db.ScalarAsync("SELECT version FROM es.streams WHERE stream_id = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_a_job_purged_and_created_again_on_another_node_then_this_node_decides_on_the_new_job()
    {
        await using var other = new JobService(db.Store, TimeProvider.System);
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateOrAttachAsync(spec, None);
        await Admin(db.Jobs, spec.Uuid, "run");

        await other.PurgeAsync(spec.Uuid, "admin", None);
        await other.CreateOrAttachAsync(spec, None);
        var run = await Admin(db.Jobs, spec.Uuid, "run");

        Assert.Equal(JobOutcomeKind.Appended, run.Kind);
        Assert.Equal(2L, (long)run.Result!["version"]!);
        Assert.Equal(2L, await db.ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", spec.Uuid));
    }

    private static Task<JobOutcome> Admin(JobService jobs, string uuid, string name) =>
        jobs.HandleAsync(uuid, new JobCommand.Send(name, null), true, null, null, None);
}
