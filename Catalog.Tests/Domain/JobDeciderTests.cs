using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Domain.Scenarios;

namespace Catalog.Tests.Domain;

public sealed class JobDeciderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 2, 3, 456, TimeSpan.Zero);

    [Fact]
    public void Given_no_job_when_create_then_created_with_the_whole_spec()
    {
        var spec = Spec();
        var decision = JobDecider.Decide(JobState.Initial, new JobCommand.Create(spec), Now);

        var created = Assert.IsType<JobEvent.Created>(Assert.Single(decision.Events));
        Assert.Same(spec, created.Spec);
        Assert.Equal(Now, created.At);
        var state = JobState.Evolve(JobState.Initial, created);
        Assert.True(state.Exists);
        Assert.Equal(JobStatus.Created, state.Status);
        Assert.Equal("create", state.LastEvent);
        Assert.Equal(1, state.Version);
    }

    [Fact]
    public void Given_existing_job_when_create_again_then_nothing_is_appended()
    {
        var decision = JobDecider.Decide(RunningJob(), new JobCommand.Create(Spec()), Now);

        Assert.False(decision.IsRejected);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("hide")]
    [InlineData("restore")]
    [InlineData("rotate")]
    public void Given_no_job_when_any_other_command_then_unknown_job(string kind)
    {
        JobCommand command = kind switch
        {
            "run" => new JobCommand.Send("run", null),
            "hide" => new JobCommand.Hide("admin"),
            "restore" => new JobCommand.Restore("admin"),
            _ => new JobCommand.RotateToken("admin"),
        };

        var decision = JobDecider.Decide(JobState.Initial, command, Now);

        Assert.Equal(RejectionKind.UnknownJob, decision.Rejection?.Kind);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData("publish")]
    [InlineData("delete")]
    [InlineData("purge")]
    [InlineData("")]
    [InlineData("run ")]
    [InlineData("ｒun")]
    public void Given_running_job_when_unknown_event_then_rejection_names_state_and_allowed_events(string name)
    {
        var decision = JobDecider.Decide(RunningJob(), new JobCommand.Send(name, null), Now);

        Assert.Equal(RejectionKind.UnknownEvent, decision.Rejection?.Kind);
        Assert.Equal(JobStatus.Running, decision.Rejection!.State);
        Assert.Equal(["run", "update", "resource", "fail", "finish", "reset", "cancel", "tag", "annotate", "measure"], decision.Rejection.AllowedEvents);
        Assert.Contains("RUNNING", decision.Rejection.Message);
        Assert.Contains("finish", decision.Rejection.Message);
    }

    [Fact]
    public void Given_created_job_when_finish_then_forbidden_with_allowed_events()
    {
        var decision = JobDecider.Decide(CreatedJob(), new JobCommand.Send("finish", null), Now);

        Assert.Equal(RejectionKind.Forbidden, decision.Rejection?.Kind);
        Assert.Equal(["create", "run", "update", "resource", "fail", "reset", "cancel", "tag", "annotate", "measure"], decision.Rejection!.AllowedEvents);
        Assert.Equal("Event 'finish' is not allowed in state CREATED. Allowed: create, run, update, resource, fail, reset, cancel, tag, annotate, measure.",
            decision.Rejection.Message);
    }

    [Theory]
    [InlineData("FINISH")]
    [InlineData("Finish")]
    [InlineData("finish")]
    public void Given_running_job_when_finish_in_any_case_then_finished_and_the_sent_name_is_kept(string sent)
    {
        var data = new JObject { ["exit"] = 0 };
        var decision = JobDecider.Decide(RunningJob(), new JobCommand.Send(sent, data), Now);

        var progressed = Assert.IsType<JobEvent.Progressed>(Assert.Single(decision.Events));
        Assert.Equal(JobEventName.Finish, progressed.Name);
        Assert.Equal(sent, progressed.SentName);
        Assert.Same(data, progressed.Data);
        Assert.Equal(JobStatus.Finished, JobState.Evolve(RunningJob(), progressed).Status);
    }

    [Fact]
    public void Given_visible_job_when_hide_then_hidden_and_hiding_again_changes_nothing()
    {
        var hidden = Apply(FinishedJob(), new JobCommand.Hide("admin-1"));

        Assert.True(hidden.Deleted);
        Assert.Equal(JobStatus.Finished, hidden.Status);
        Assert.Empty(JobDecider.Decide(hidden, new JobCommand.Hide("admin-1"), Now).Events);
    }

    [Fact]
    public void Given_hidden_job_when_restore_then_visible_and_restoring_again_changes_nothing()
    {
        var restored = Apply(Apply(FinishedJob(), new JobCommand.Hide("a")), new JobCommand.Restore("a"));

        Assert.False(restored.Deleted);
        Assert.Empty(JobDecider.Decide(restored, new JobCommand.Restore("a"), Now).Events);
    }

    [Fact]
    public void Given_job_when_rotate_token_twice_then_generation_advances_each_time()
    {
        var once = Apply(CreatedJob(), new JobCommand.RotateToken("a"));
        var twice = Apply(once, new JobCommand.RotateToken("a"));

        Assert.Equal(1, once.TokenGeneration);
        Assert.Equal(2, twice.TokenGeneration);
        Assert.Equal(JobStatus.Created, twice.Status);
    }

    [Fact]
    public void Given_a_full_lifecycle_then_each_state_follows_the_table()
    {
        var names = new[] { "update", "run", "run", "resource", "finish", "index", "indexed", "validate", "validated", "finalize", "retire", "reset", "ready" };
        var expected = new[] { "CREATED", "RUNNING", "RUNNING", "RUNNING", "FINISHED", "INDEXING", "FINISHED", "VALIDATING", "VALIDATED", "FINALIZED", "RETIRED", "RESET", "CREATED" };

        var state = CreatedJob();
        for (var i = 0; i < names.Length; i++)
        {
            state = Apply(state, new JobCommand.Send(names[i], null));
            Assert.Equal(expected[i], state.Status.Wire());
        }
        Assert.Equal(1 + names.Length, state.Version);
    }

    [Fact]
    public void Given_an_indexing_job_when_files_are_recorded_then_they_are_kept_and_the_state_stays()
    {
        var file = new IndexedFile { Uuid = "105fb204-530b-5915-9fd6-caf88ca9ad8a", FileId = "file.tacc.x", Name = "/a.txt", StorageSystem = "s" };
        var indexing = JobIn(JobStatus.Indexing);

        var decision = JobDecider.Decide(indexing, new JobCommand.RecordFiles([file]), Now);

        var recorded = Assert.IsType<JobEvent.FilesIndexed>(Assert.Single(decision.Events));
        Assert.Same(file, Assert.Single(recorded.Files));
        Assert.Equal(JobStatus.Indexing, JobState.Evolve(indexing, recorded).Status);
    }

    [Theory]
    [InlineData(JobStatus.Created)]
    [InlineData(JobStatus.Running)]
    [InlineData(JobStatus.Finished)]
    public void Given_a_job_not_indexing_when_files_are_recorded_then_forbidden(JobStatus status)
    {
        var decision = JobDecider.Decide(JobIn(status), new JobCommand.RecordFiles([]), Now);

        Assert.Equal(RejectionKind.Forbidden, decision.Rejection?.Kind);
        Assert.Contains("INDEXING", decision.Rejection!.Message);
    }

    [Fact]
    public void Given_a_deleted_job_when_an_event_is_sent_then_it_is_treated_as_unknown()
    {
        var hidden = Apply(RunningJob(), new JobCommand.Hide("a"));

        var decision = JobDecider.Decide(hidden, new JobCommand.Send("update", null), Now);

        Assert.Equal(RejectionKind.UnknownJob, decision.Rejection?.Kind);
        Assert.Contains("deleted", decision.Rejection!.Message);
    }

    [Theory]
    [InlineData(JobStatus.Failed)]
    [InlineData(JobStatus.Cancelled)]
    [InlineData(JobStatus.Reset)]
    [InlineData(JobStatus.Finalized)]
    public void Given_a_job_in_any_state_when_rerun_then_reset_and_ready_make_it_created_with_the_reason(JobStatus status)
    {
        var job = JobIn(status);

        var decision = JobDecider.Decide(job, new JobCommand.Rerun("admin:1a2b3c4d") { Reason = "input replaced" }, Now);

        Assert.False(decision.IsRejected);
        Assert.Equal([JobEventName.Reset, JobEventName.Ready], decision.Events.Cast<JobEvent.Progressed>().Select(e => e.Name));
        Assert.All(decision.Events.Cast<JobEvent.Progressed>(), e => Assert.Equal("input replaced", (string?)e.Data!["reason"]));
        var after = decision.Events.Aggregate(job, JobState.Evolve);
        Assert.Equal(JobStatus.Created, after.Status);
        Assert.Null(after.Started);
        Assert.Null(after.Ended);
    }

    [Fact]
    public void Given_a_hidden_job_when_rerun_then_it_is_treated_as_unknown()
    {
        var hidden = Apply(FinishedJob(), new JobCommand.Hide("a"));

        var decision = JobDecider.Decide(hidden, new JobCommand.Rerun("admin:1a2b3c4d"), Now);

        Assert.Equal(RejectionKind.UnknownJob, decision.Rejection?.Kind);
    }

    [Fact]
    public void Given_a_running_job_with_a_max_wall_time_when_expire_is_decided_then_it_fails_only_once_the_deadline_is_reached()
    {
        var created = Apply(JobState.Initial, new JobCommand.Create(Spec() with { MaxWallTime = 60 }));
        var running = Apply(created, new JobCommand.Send("run", null));
        var started = running.Started!.Value;

        var early = JobDecider.Decide(running, new JobCommand.Expire(), started.AddSeconds(59.9));
        var due = JobDecider.Decide(running, new JobCommand.Expire(), started.AddSeconds(60));
        var expired = due.Events.Aggregate(running, JobState.Evolve);
        var twice = JobDecider.Decide(expired, new JobCommand.Expire(), started.AddSeconds(120));

        Assert.Empty(early.Events);
        Assert.False(early.IsRejected);
        var expire = Assert.IsType<JobEvent.Progressed>(Assert.Single(due.Events));
        Assert.Equal(JobEventName.Expire, expire.Name);
        Assert.Equal("max_wall_time exceeded", (string?)expire.Data!["reason"]);
        Assert.Equal(JobStatus.Failed, expired.Status);
        Assert.Equal(started.AddSeconds(60), expired.Ended);
        Assert.Empty(twice.Events);
    }

    [Fact]
    public void Given_an_auto_delete_job_when_retention_is_decided_then_it_is_hidden_completion_ttl_after_its_last_event_in_a_terminal_state()
    {
        var created = Apply(JobState.Initial, new JobCommand.Create(Spec() with { AutoDelete = true, CompletionTtl = 100 }));
        var running = Apply(created, new JobCommand.Send("run", null));
        var failed = Apply(running, new JobCommand.Send("fail", null));

        var whileRunning = JobDecider.Decide(running, new JobCommand.Retain(), running.Updated.AddDays(10));
        var early = JobDecider.Decide(failed, new JobCommand.Retain(), failed.Updated.AddSeconds(99));
        var due = JobDecider.Decide(failed, new JobCommand.Retain(), failed.Updated.AddSeconds(100));

        Assert.Empty(whileRunning.Events);
        Assert.Empty(early.Events);
        var hidden = Assert.IsType<JobEvent.Hidden>(Assert.Single(due.Events));
        Assert.Equal("system", hidden.Actor);
    }

    [Theory]
    [InlineData("success", JobStatus.Finished, true, false)]
    [InlineData("success", JobStatus.Finalized, true, false)]
    [InlineData("success", JobStatus.Running, false, false)]
    [InlineData("success", JobStatus.Failed, false, true)]
    [InlineData("success", JobStatus.Rejected, false, true)]
    [InlineData("failure", JobStatus.Failed, true, false)]
    [InlineData("failure", JobStatus.Created, false, false)]
    [InlineData("failure", JobStatus.Finished, false, true)]
    [InlineData("done", JobStatus.Cancelled, true, false)]
    [InlineData("done", JobStatus.Retired, true, false)]
    [InlineData("done", JobStatus.Running, false, false)]
    [InlineData("done", null, false, true)]
    [InlineData("always", null, true, false)]
    public void Given_a_dependency_when_run_then_it_is_a_precondition_checked_after_the_table(
        string when, JobStatus? other, bool runs, bool blocked)
    {
        const string dependency = "107b93f3-1eae-5e79-8a18-0a480f8aa3a6";
        Assert.True(JobDependency.TryParseWhen(when, out var condition));
        var job = Apply(JobState.Initial, new JobCommand.Create(Spec() with { DependsOn = [new JobDependency(dependency, condition)] }));

        var decision = JobDecider.Decide(job, new JobCommand.Send("run", null)
        {
            Dependencies = new Dictionary<string, JobStatus?> { [dependency] = other },
        }, Now);
        var finish = JobDecider.Decide(job, new JobCommand.Send("finish", null), Now);

        Assert.Equal(runs, !decision.IsRejected);
        if (!runs)
        {
            Assert.Equal(RejectionKind.UnmetDependencies, decision.Rejection!.Kind);
            var unmet = Assert.Single(decision.Rejection.Unmet);
            Assert.Equal((dependency, when, other?.Wire(), blocked), (unmet.Job, unmet.When, unmet.State, unmet.Blocked));
        }
        // The table still speaks first: finish from CREATED is forbidden whatever the dependencies.
        Assert.Equal(RejectionKind.Forbidden, finish.Rejection?.Kind);
    }

    [Fact]
    public void Given_a_job_at_its_limits_when_an_annotation_would_pass_them_then_invalid_data_and_removals_still_pass()
    {
        var tags = new JArray(Enumerable.Range(0, JobEventData.MaxTags).Select(i => $"t{i}"));
        var full = Apply(CreatedJob(), new JobCommand.Send("tag", new JObject { ["add"] = tags }));

        var more = JobDecider.Decide(full, new JobCommand.Send("tag", new JObject { ["add"] = new JArray("one-more") }), Now);
        var swap = JobDecider.Decide(full, new JobCommand.Send("tag", new JObject { ["add"] = new JArray("t0") , ["remove"] = new JArray("t1") }), Now);
        var measured = Enumerable.Range(0, JobEventData.MaxMeasurements / JobEventData.MaxTags).Aggregate(full, (state, batch) =>
            Apply(state, new JobCommand.Send("measure", new JObject(Enumerable.Range(0, JobEventData.MaxTags)
                .Select(i => new JProperty($"m{batch}-{i}", i))))));
        var newName = JobDecider.Decide(measured, new JobCommand.Send("measure", new JObject { ["another"] = 1 }), Now);
        var sameName = JobDecider.Decide(measured, new JobCommand.Send("measure", new JObject { ["m0-0"] = 2.5 }), Now);

        Assert.Equal(RejectionKind.InvalidData, more.Rejection?.Kind);
        Assert.Contains("at most 100", more.Rejection!.Message);
        Assert.False(swap.IsRejected);
        Assert.Equal(RejectionKind.InvalidData, newName.Rejection?.Kind);
        Assert.False(sameName.IsRejected);
    }

    [Fact]
    public void Every_event_has_a_distinct_persisted_name()
    {
        Assert.Equal(JobEventTypes.All.Count, JobEventTypes.All.Distinct().Count());
        Assert.All(JobEventTypes.All, name => Assert.Matches(@"^job\.[a-z_]+\.v\d+$", name));
        foreach (var name in Enum.GetValues<JobEventName>())
        {
            var type = JobEventTypes.Of(new JobEvent.Progressed(name, name.Wire(), null) { At = Now });
            Assert.True(JobEventTypes.TryProgressedName(type, out var back));
            Assert.Equal(name, back);
        }
    }
}
