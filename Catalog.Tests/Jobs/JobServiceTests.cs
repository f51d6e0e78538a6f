using Catalog.Core.EventStore;
using Catalog.Core.JobCommands;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Jobs;

[Trait("Category", "Database")]
public sealed class JobServiceTests(JobServiceFixture db) : IClassFixture<JobServiceFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Given_a_new_spec_when_create_then_created_document_with_create_history_and_float_kinds_kept()
    {
        var spec = JobSpecs.Unique();

        var (document, created) = await db.Jobs.CreateAsync(spec, None);

        Assert.True(created);
        Assert.Equal(spec.Uuid, (string?)document["uuid"]);
        Assert.Equal("CREATED", (string?)document["state"]);
        Assert.Equal(1L, (long)document["version"]!);
        var history = Assert.Single((JArray)document["history"]!);
        Assert.Equal(TypedUuid.Create(UuidType.PipelineJobEvent, $"{spec.Uuid}:1"), (string?)history["uuid"]);
        Assert.Equal("create", (string?)history["name"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)history["date"]);
        var stored = await db.Jobs.ReadDocumentAsync(spec.Uuid, false, None);
        Assert.Equal(PythonJson.Dumps(spec.Data), PythonJson.Dumps(stored!["data"]!));
        Assert.Contains("\"n\":100.0", PythonJson.Dumps(stored["data"]!));
        Assert.Equal(JobIdentity.JobUuid(spec.PipelineUuid, spec.ChildOf, stored["data"]!), spec.Uuid);
    }

    [Fact]
    public async Task Given_twenty_racing_creators_of_one_spec_then_one_job_with_one_event()
    {
        var spec = JobSpecs.Unique();

        var results = await RaceAsync(20, _ => db.Jobs.CreateAsync(spec, None));

        Assert.Equal(1, results.Count(r => r.Created));
        Assert.All(results, r => Assert.Equal(spec.Uuid, (string?)r.Document["uuid"]));
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", spec.Uuid));
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM job_documents WHERE uuid = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_a_running_job_when_fifty_agents_post_updates_at_once_then_all_are_recorded_gaplessly()
    {
        var spec = await RunningJobAsync();

        var outcomes = await RaceAsync(50, i =>
            db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("update", new JObject { ["i"] = i }), true, null, null, None));

        Assert.All(outcomes, o => Assert.Equal(JobOutcomeKind.Appended, o.Kind));
        var events = await db.Store.ReadStreamAsync(spec.Uuid, None);
        Assert.Equal(Enumerable.Range(1, 52).Select(v => (long)v), events.Select(e => e.Version));
        var document = (await db.Jobs.ReadDocumentAsync(spec.Uuid, false, None))!;
        Assert.Equal(52L, (long)document["version"]!);
        var updates = ((JArray)document["history"]!).Where(h => (string?)h["name"] == "update").Select(h => (int)h["data"]!["i"]!);
        Assert.Equal(Enumerable.Range(0, 50), updates.Order());
    }

    [Fact]
    public async Task Given_an_event_id_when_delivered_again_then_first_answer_and_nothing_appended()
    {
        var spec = await RunningJobAsync();
        var finish = new JobCommand.Send("finish", new JObject { ["exit"] = 0 });

        var first = await db.Jobs.HandleAsync(spec.Uuid, finish, true, null, "delivery-1", None);
        var again = await db.Jobs.HandleAsync(spec.Uuid, finish, true, null, "delivery-1", None);
        var changed = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("finish", new JObject { ["exit"] = 1 }), true, null, "delivery-1", None);

        Assert.Equal(JobOutcomeKind.Appended, first.Kind);
        Assert.Equal(JobOutcomeKind.Replayed, again.Kind);
        Assert.True(JToken.DeepEquals(first.Result, again.Result));
        Assert.Equal(JobOutcomeKind.IdempotencyConflict, changed.Kind);
        Assert.Equal(3L, await db.ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_three_concurrent_deliveries_of_one_event_id_then_stored_once()
    {
        var spec = await RunningJobAsync();

        var outcomes = await RaceAsync(3, _ =>
            db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("update", new JObject { ["x"] = 1 }), true, null, "same", None));

        Assert.Equal(1, outcomes.Count(o => o.Kind == JobOutcomeKind.Appended));
        Assert.Equal(2, outcomes.Count(o => o.Kind == JobOutcomeKind.Replayed));
        Assert.Equal(3L, await db.ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_a_forbidden_event_then_rejected_with_state_and_nothing_written()
    {
        var spec = (await db.Jobs.CreateAsync(JobSpecs.Unique(), None)).Document;
        var uuid = (string)spec["uuid"]!;

        var outcome = await db.Jobs.HandleAsync(uuid, new JobCommand.Send("finish", null), true, null, "k", None);

        Assert.Equal(JobOutcomeKind.Rejected, outcome.Kind);
        Assert.Equal(JobStatus.Created, outcome.Rejection!.State);
        Assert.Contains("run", outcome.Rejection.AllowedEvents);
        Assert.Equal(1L, await db.ScalarAsync("SELECT count(*) FROM es.events WHERE stream_id = $1", uuid));
        Assert.Equal(0L, await db.ScalarAsync("SELECT count(*) FROM es.inbox WHERE stream_id = $1", uuid));
    }

    [Fact]
    public async Task Given_tokens_then_only_the_current_generation_is_accepted_and_rotation_retires_the_old_one()
    {
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
        var token = (await db.Jobs.TokenAsync(spec.Uuid, None))!;
        Assert.Matches("^[0-9a-f]{32}$", token);

        Assert.Equal(JobOutcomeKind.Unauthorized, (await Send(spec.Uuid, "run", null)).Kind);
        Assert.Equal(JobOutcomeKind.Unauthorized, (await Send(spec.Uuid, "run", new string('0', 32))).Kind);
        Assert.Equal(JobOutcomeKind.Appended, (await Send(spec.Uuid, "run", token)).Kind);

        var rotated = await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.RotateToken("admin"), true, null, null, None);
        var newToken = (await db.Jobs.TokenAsync(spec.Uuid, None))!;

        Assert.Equal(JobOutcomeKind.Appended, rotated.Kind);
        Assert.NotEqual(token, newToken);
        Assert.Equal(JobOutcomeKind.Unauthorized, (await Send(spec.Uuid, "update", token)).Kind);
        Assert.Equal(JobOutcomeKind.Appended, (await Send(spec.Uuid, "update", newToken)).Kind);
    }

    [Fact]
    public async Task Given_a_finished_job_when_reset_then_ready_then_created_again_with_history_kept()
    {
        var spec = await RunningJobAsync();
        await Admin(spec.Uuid, new JobCommand.Send("finish", null));

        var reset = await Admin(spec.Uuid, new JobCommand.Send("reset", new JObject { ["why"] = "rerun" }));
        var ready = await Admin(spec.Uuid, new JobCommand.Send("ready", null));

        Assert.Equal("RESET", (string?)reset.Result!["state"]);
        Assert.Equal("CREATED", (string?)ready.Result!["state"]);
        var history = (JArray)(await db.Jobs.ReadDocumentAsync(spec.Uuid, false, None))!["history"]!;
        Assert.Equal(["create", "run", "finish", "reset", "ready"], history.Select(h => (string)h["name"]!));
    }

    [Fact]
    public async Task Given_a_job_when_deleted_then_hidden_refusing_events_and_undelete_restores_it()
    {
        var spec = await RunningJobAsync();

        var hidden = await Admin(spec.Uuid, new JobCommand.Hide("admin"));
        var again = await Admin(spec.Uuid, new JobCommand.Hide("admin"));

        Assert.Equal(JobOutcomeKind.Appended, hidden.Kind);
        Assert.Equal(JobOutcomeKind.Unchanged, again.Kind);
        Assert.Null(await db.Jobs.ReadDocumentAsync(spec.Uuid, false, None));
        Assert.True((bool)(await db.Jobs.ReadDocumentAsync(spec.Uuid, true, None))!["deleted"]!);
        Assert.Equal(JobOutcomeKind.NotFound, (await Admin(spec.Uuid, new JobCommand.Send("update", null))).Kind);

        Assert.Equal(JobOutcomeKind.Appended, (await Admin(spec.Uuid, new JobCommand.Restore("admin"))).Kind);
        Assert.False((bool)(await db.Jobs.ReadDocumentAsync(spec.Uuid, false, None))!["deleted"]!);
        Assert.Equal(JobOutcomeKind.Appended, (await Admin(spec.Uuid, new JobCommand.Send("update", null))).Kind);
    }

    [Fact]
    public async Task Given_a_job_when_purged_then_only_the_audit_record_is_left()
    {
        var spec = await RunningJobAsync();
        await db.Jobs.HandleAsync(spec.Uuid, new JobCommand.Send("update", null), true, null, "key-1", None);

        var removed = await db.Jobs.PurgeAsync(spec.Uuid, "admin-7", None);

        Assert.Equal(3, removed);
        foreach (var sql in new[]
        {
            "SELECT count(*) FROM es.events WHERE stream_id = $1",
            "SELECT count(*) FROM es.streams WHERE stream_id = $1 AND (purged_at IS NULL OR version <> 0)",
            "SELECT count(*) FROM es.inbox WHERE stream_id = $1", "SELECT count(*) FROM job_documents WHERE uuid = $1",
        })
        {
            Assert.Equal(0L, await db.ScalarAsync(sql, spec.Uuid));
        }
        // The stream's row stays as its tombstone: the next job of this UUID is its next incarnation.
        Assert.Equal(1L, await db.ScalarAsync("SELECT incarnation FROM es.streams WHERE stream_id = $1", spec.Uuid));
        Assert.Equal(1L, await db.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE job_uuid = $1 AND actor = 'admin-7' AND action = 'purge' AND (detail->>'events')::int = 3", spec.Uuid));
        Assert.Null(await db.Jobs.PurgeAsync(spec.Uuid, "admin-7", None));
        Assert.Equal(JobOutcomeKind.NotFound, (await Admin(spec.Uuid, new JobCommand.Send("update", null))).Kind);
    }

    [Fact]
    public async Task Given_unknown_job_then_not_found()
    {
        var outcome = await Admin(JobSpecs.Unique().Uuid, new JobCommand.Send("run", null));

        Assert.Equal(JobOutcomeKind.NotFound, outcome.Kind);
    }

    [Fact]
    public async Task Given_stored_events_then_folding_them_again_gives_the_stored_document()
    {
        var spec = await RunningJobAsync();
        await Admin(spec.Uuid, new JobCommand.Send("finish", new JObject { ["f"] = 1e16 }));
        await Admin(spec.Uuid, new JobCommand.Hide("a"));

        var folded = JobState.Initial;
        var history = new JArray();
        foreach (var e in await db.Store.ReadStreamAsync(spec.Uuid, None))
        {
            var @event = JobEventJson.Deserialize(e.Type, e.Data);
            folded = JobState.Evolve(folded, @event);
            if (JobHistory.Entry(spec.Uuid, e.Version, @event) is { } entry)
            {
                history.Add(entry);
            }
        }
        var whole = JobHistory.Compose(JobDocument.Render(folded), history);

        Assert.Equal(PythonJson.Dumps((await db.Jobs.ReadDocumentAsync(spec.Uuid, true, None))!), PythonJson.Dumps(whole));
        Assert.Equal(["create", "run", "finish"], history.Select(h => (string)h["name"]!));
        Assert.Contains("\"f\":1e+16", PythonJson.Dumps(whole));
    }

    // Starts every task first and releases them together, without blocking pool threads.
    private static async Task<T[]> RaceAsync<T>(int count, Func<int, Task<T>> action)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await action(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(tasks);
    }

    private async Task<JobSpec> RunningJobAsync()
    {
        var spec = JobSpecs.Unique();
        await db.Jobs.CreateAsync(spec, None);
        await Admin(spec.Uuid, new JobCommand.Send("run", null));
        return spec;
    }

    private Task<JobOutcome> Admin(string uuid, JobCommand command) => db.Jobs.HandleAsync(uuid, command, true, null, null, None);

    private Task<JobOutcome> Send(string uuid, string name, string? token) =>
        db.Jobs.HandleAsync(uuid, new JobCommand.Send(name, null), false, token, null, None);
}
