using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Jobs;

/// <summary>
/// Two job services, each with its own store, over one database stand for two catalog nodes: each keeps the folded
/// states of the streams it wrote, so each must notice when the other moved a stream on, rotated its token, or
/// purged and created it again.
/// </summary>
[Trait("Category", "Database")]
public sealed class TwoNodeJobServiceTests(JobServiceFixture db) : IClassFixture<JobServiceFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_a_stream_moved_on_by_another_node_when_an_event_is_posted_then_it_is_decided_on_the_new_state()
    {
        var other = db.NewNode();
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
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
        var other = db.NewNode();
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
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
    public async Task Given_a_token_holder_authorized_before_a_rotation_on_another_node_then_its_command_is_refused()
    {
        var other = db.NewNode();
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
        var authorizedOn = await db.Jobs.LoadAsync(spec.Uuid, None);

        await other.HandleAsync(spec.Uuid, new JobCommand.RotateToken("admin"), true, null, null, None);
        var late = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("run", null), JobCaller.TokenHolder(authorizedOn), null, None);

        Assert.Equal(JobOutcomeKind.Unauthorized, late.Kind);
        Assert.Equal(2L, await db.ScalarAsync("SELECT version FROM es.streams WHERE stream_id = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_a_job_purged_and_created_again_on_another_node_then_this_node_decides_on_the_new_job()
    {
        var other = db.NewNode();
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
        await Admin(db.Jobs, spec.Uuid, "run");

        await other.PurgeAsync(spec.Uuid, "admin", None);
        await other.CreateAsync(spec, None);
        var run = await Admin(db.Jobs, spec.Uuid, "run");

        Assert.Equal(JobOutcomeKind.Appended, run.Kind);
        Assert.Equal(2L, (long)run.Result!["version"]!);
        Assert.Equal(2L, await db.ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_a_job_purged_recreated_and_run_elsewhere_then_an_event_decided_on_the_old_incarnation_is_not_recorded()
    {
        var other = db.NewNode();
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
        await Admin(db.Jobs, spec.Uuid, "run");

        // The new incarnation reaches the same version (2, RUNNING... then CREATED→run) the old one had on this node.
        await other.PurgeAsync(spec.Uuid, "admin", None);
        await other.CreateAsync(spec, None);
        Assert.Equal(JobOutcomeKind.Appended, (await Admin(other, spec.Uuid, "update")).Kind);
        var finish = await Admin(db.Jobs, spec.Uuid, "finish");

        // CREATED does not take finish: this node must have decided on the new incarnation, not on its kept head.
        Assert.Equal(JobOutcomeKind.Rejected, finish.Kind);
        Assert.Equal(["job.created.v1", "job.updated.v1"], await EventTypesAsync(spec.Uuid));
    }

    [Fact]
    public async Task Given_a_token_of_a_purged_job_then_it_never_works_for_the_job_created_again()
    {
        var other = db.NewNode();
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
        var firstLife = await db.Jobs.TokenAsync(spec.Uuid, None);
        await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.RotateToken("admin"), true, null, null, None);
        await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.RotateToken("admin"), true, null, null, None);

        await other.PurgeAsync(spec.Uuid, "admin", None);
        await other.CreateAsync(spec, None);
        var secondLife = await other.TokenAsync(spec.Uuid, None);
        var withOld = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("run", null), false, firstLife, null, None);
        var withNew = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("run", null), false, secondLife, null, None);

        Assert.NotEqual(firstLife, secondLife);
        Assert.Equal(JobOutcomeKind.Unauthorized, withOld.Kind);
        Assert.Equal(JobOutcomeKind.Appended, withNew.Kind);
    }

    private async Task<string[]> EventTypesAsync(string uuid)
    {
        var events = await db.Store.ReadStreamAsync(uuid, None);
        return events.Select(e => e.Type).ToArray();
    }

    private static Task<JobOutcome> Admin(JobService jobs, string uuid, string name) =>
        jobs.HandleAsync(uuid, new JobCommand.Send(name, null), true, null, null, None);
}
