using System.Net;
using Catalog.Tests.EventStore;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// The catalog's own job fields and events through the real host: creation fields, cancel, tags, labels, notes,
/// measurements, run times, and the list filters they feed.
/// </summary>
[Trait("Category", "Database")]
public sealed class JobModelTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string PipelineBody = """
        {"id":"tacc/job-model:1","name":"Job model pipeline","components":[{"id":"actor1","image":"sd2e/img:1"}]}
        """;

    [Fact]
    public async Task Given_creation_fields_then_the_document_shows_them_and_the_uuid_is_the_one_without_them()
    {
        var pipeline = await PipelineAsync();
        var label = Guid.NewGuid().ToString("N");
        var plain = JobBodies.Of(pipeline, label);
        var (_, preview) = await host.Client.PostAsync("/api/v1/jobs/preview", plain, AgentKey);

        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label, """
            {"owner":"jdoe","notes":"first try","tags":["calibration","plate-7","calibration"],"labels":{"lab":"tacc","run":"3"},
            "max_wall_time":3600,"auto_delete":true,"completion_ttl":86400}
            """), AgentKey);

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal((string?)preview["uuid"], (string?)job["uuid"]);
        Assert.Equal("jdoe", (string?)job["owner"]);
        Assert.Equal("first try", (string?)job["notes"]);
        Assert.Equal(["calibration", "plate-7"], job["tags"]!.Values<string>());
        Assert.Equal("""{"lab":"tacc","run":"3"}""", job["labels"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(3600, (long)job["max_wall_time"]!);
        Assert.True((bool)job["auto_delete"]!);
        Assert.Equal(86400, (long)job["completion_ttl"]!);
        Assert.Equal((string?)job["created"], (string?)job["submitted"]);
        Assert.Equal(JTokenType.Null, job["started"]!.Type);
        Assert.Equal(JTokenType.Null, job["ended"]!.Type);
        var (_, fetched) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job["uuid"]}");
        Assert.Equal("jdoe", (string?)fetched["owner"]);
    }

    [Fact]
    public async Task Given_an_existing_job_when_its_spec_is_posted_with_other_catalog_fields_then_it_attaches_and_names_what_it_ignored()
    {
        var pipeline = await PipelineAsync();
        var label = Guid.NewGuid().ToString("N");
        var (_, created) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label, """{"owner":"jdoe","tags":["a"]}"""), AgentKey);

        var (status, attached) = await host.Client.PostAsync("/api/v1/jobs",
            JobBodies.Of(pipeline, label, """{"owner":"someone-else","tags":["a"],"max_wall_time":60}"""), AgentKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)attached["attached"]!);
        Assert.Equal(["owner", "max_wall_time"], attached["ignored_changes"]!.Values<string>());
        Assert.Equal("jdoe", (string?)attached["owner"]);
        Assert.Equal(JTokenType.Null, attached["max_wall_time"]!.Type);
        Assert.Equal((long)created["version"]!, (long)attached["version"]!);
    }

    [Theory]
    [InlineData("""{"tags":"calibration"}""", "tags")]
    [InlineData("""{"tags":[""]}""", "tags")]
    [InlineData("""{"labels":{"a:b":"c"}}""", "labels")]
    [InlineData("""{"labels":{"lab":7}}""", "labels")]
    [InlineData("""{"max_wall_time":0}""", "max_wall_time")]
    [InlineData("""{"max_wall_time":1.5}""", "max_wall_time")]
    [InlineData("""{"max_wall_time":99999999999999999999999}""", "max_wall_time")]
    [InlineData("""{"completion_ttl":60}""", "completion_ttl")]
    [InlineData("""{"auto_delete":"yes"}""", "auto_delete")]
    [InlineData("""{"owner":""}""", "owner")]
    [InlineData("""{"owners":"jdoe"}""", "owners")]
    public async Task Given_a_bad_catalog_field_then_422_names_it_and_no_job_is_created(string fields, string field)
    {
        var pipeline = await PipelineAsync();

        var (status, body) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, Guid.NewGuid().ToString("N"), fields), AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body["errors"]!.Values<string>(), error => error!.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_running_job_when_cancelled_then_it_is_cancelled_ended_and_only_retire_or_reset_move_it()
    {
        var (uuid, token) = await NewJobAsync();
        await EventAsync(uuid, token, "run");

        var (status, cancelled) = await EventAsync(uuid, token, "cancel", """{"reason":"superseded by a newer run"}""");
        var (refused, conflict) = await EventAsync(uuid, token, "run");
        var (_, noted) = await EventAsync(uuid, token, "annotate", """{"notes":"cancelled on purpose"}""");
        var (retired, _) = await EventAsync(uuid, token, "retire");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CANCELLED", (string?)cancelled["state"]);
        Assert.Equal("cancel", (string?)cancelled["last_event"]);
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal(["retire", "reset", "tag", "annotate", "measure"], conflict["allowed_events"]!.Values<string>());
        Assert.Equal("CANCELLED", (string?)noted["state"]);
        Assert.Equal(HttpStatusCode.OK, retired);
        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");
        Assert.Equal("RETIRED", (string?)document["state"]);
        Assert.Equal("cancelled on purpose", (string?)document["notes"]);
        var history = (JArray)document["history"]!;
        Assert.Equal(["create", "run", "cancel", "annotate", "retire"], history.Select(h => (string)h["name"]!));
        Assert.Equal("superseded by a newer run", (string?)history[2]["data"]!["reason"]);
        Assert.Equal((string?)history[2]["date"], (string?)document["ended"]);
        Assert.Equal((string?)history[1]["date"], (string?)document["started"]);
    }

    [Fact]
    public async Task Given_a_finished_job_when_cancelled_then_409_and_an_agent_without_the_token_is_refused()
    {
        var (uuid, token) = await NewJobAsync();
        await EventAsync(uuid, token, "run");
        await EventAsync(uuid, token, "finish");

        var (status, body) = await EventAsync(uuid, token, "cancel");
        var (unauthorized, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"cancel"}""", AgentKey);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("FINISHED", (string?)body["state"]);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized);
    }

    [Fact]
    public async Task Given_tag_annotate_and_measure_events_then_the_document_shows_the_latest_and_the_history_keeps_all()
    {
        var (uuid, token) = await NewJobAsync("""{"tags":["plate-7"],"labels":{"lab":"tacc"}}""");
        await EventAsync(uuid, token, "run");

        await EventAsync(uuid, token, "tag", """{"add":["calibration","qc"],"labels":{"run":"3","lab":null}}""");
        await EventAsync(uuid, token, "tag", """{"remove":["plate-7"]}""");
        await EventAsync(uuid, token, "measure", """{"od600":0.42,"phase":"log"}""");
        var (status, measured) = await EventAsync(uuid, token, "measure", """{"od600":0.61}""");
        await EventAsync(uuid, token, "annotate", """{"notes":"re-read the plate"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("RUNNING", (string?)measured["state"]);
        Assert.Equal("run", (string?)measured["last_event"]);
        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");
        Assert.Equal(["calibration", "qc"], document["tags"]!.Values<string>());
        Assert.Equal("""{"run":"3"}""", document["labels"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("""{"od600":0.61,"phase":"log"}""", document["measurements"]!.ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("re-read the plate", (string?)document["notes"]);
        Assert.Equal(2, ((JArray)document["history"]!).Count(h => (string?)h["name"] == "measure"));
    }

    [Theory]
    [InlineData("tag", """{"add":"calibration"}""", "data.add")]
    [InlineData("tag", """{"add":["x"],"colour":"red"}""", "data.colour")]
    [InlineData("tag", """{}""", "data")]
    [InlineData("tag", """{"labels":{"a:b":"c"}}""", "data.labels")]
    [InlineData("annotate", """{"note":"typo"}""", "data.note")]
    [InlineData("annotate", """{"notes":5}""", "data.notes")]
    [InlineData("measure", """{"od600":true}""", "data.od600")]
    [InlineData("measure", """{"od600":{"v":1}}""", "data.od600")]
    [InlineData("measure", """{}""", "data")]
    [InlineData("cancel", """{"reason":7}""", "data.reason")]
    public async Task Given_bad_data_for_a_catalog_event_then_422_names_the_member_and_nothing_is_recorded(string name, string data, string member)
    {
        var (uuid, token) = await NewJobAsync();

        var (status, body) = await EventAsync(uuid, token, name, data);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(body["errors"]!.Values<string>(), error => error!.StartsWith(member, StringComparison.Ordinal));
        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");
        Assert.Equal(1, (long)document["version"]!);
    }

    [Fact]
    public async Task Given_a_reset_job_then_annotations_are_refused_until_it_is_readied()
    {
        var (uuid, token) = await NewJobAsync();
        await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"reset"}""", AdminKey);

        var (status, _) = await EventAsync(uuid, token, "tag", """{"add":["x"]}""");

        Assert.Equal(HttpStatusCode.Conflict, status);
    }

    [Fact]
    public async Task Given_tags_labels_and_owners_then_the_list_filters_by_all_of_them()
    {
        var owner = "owner-" + Guid.NewGuid().ToString("N")[..8];
        var (both, bothToken) = await NewJobAsync($$$"""{"owner":"{{{owner}}}","tags":["alpha","beta"],"labels":{"lab":"tacc"}}""");
        var (alphaOnly, _) = await NewJobAsync($$$"""{"owner":"{{{owner}}}","tags":["alpha"],"labels":{"lab":"uw"}}""");
        var (tagged, taggedToken) = await NewJobAsync($$"""{"owner":"{{owner}}"}""");
        await EventAsync(tagged, taggedToken, "tag", """{"add":["alpha","beta"],"labels":{"lab":"tacc"}}""");
        await EventAsync(both, bothToken, "tag", """{"labels":{"lab":"tacc"}}""");

        Assert.Equal(Sorted(both, alphaOnly, tagged), await ListAsync($"owner={owner}"));
        Assert.Equal(Sorted(both, alphaOnly, tagged), await ListAsync($"owner={owner}&tag=alpha"));
        Assert.Equal(Sorted(both, tagged), await ListAsync($"owner={owner}&tag=alpha&tag=beta"));
        Assert.Equal(Sorted(both, tagged), await ListAsync($"owner={owner}&label=lab:tacc"));
        Assert.Equal([alphaOnly], await ListAsync($"owner={owner}&label=lab:uw&tag=alpha"));
        Assert.Empty(await ListAsync($"owner={owner}&label=lab:uw&tag=beta"));
        var (bad, problem) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/jobs?label=lab");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        Assert.Contains("label", (string?)problem["detail"]);
    }

    [Fact]
    public async Task Given_a_failed_job_when_an_admin_reruns_it_then_reset_and_ready_are_one_commit_and_it_can_run_again()
    {
        var (uuid, token) = await NewJobAsync();
        await EventAsync(uuid, token, "run");
        await EventAsync(uuid, token, "fail");

        var (forbidden, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/rerun", """{"reason":"x"}""", AgentKey);
        var (malformed, problem) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/rerun", """{"reasons":"x"}""", AdminKey);
        var (status, answer) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/rerun", """{"reason":"input file was replaced"}""", AdminKey);
        var (again, ran) = await EventAsync(uuid, token, "run");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed);
        Assert.Contains(problem["errors"]!.Values<string>(), e => e!.StartsWith("reasons", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("CREATED", (string?)answer["state"]);
        Assert.Equal("ready", (string?)answer["last_event"]);
        Assert.Equal(5, (long)answer["version"]!);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal("RUNNING", (string?)ran["state"]);
        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        var rerun = ((JArray)events).Where(e => (string?)(e["data"]!["data"] as JObject)?["reason"] == "input file was replaced").ToArray();
        Assert.Equal(["reset", "ready"], rerun.Select(e => (string)e["name"]!));
        // One commit: the two events sit at consecutive log positions.
        Assert.Equal((long)rerun[0]["position"]! + 1, (long)rerun[1]["position"]!);
        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");
        Assert.Equal((string?)((JArray)document["history"]!).Last()["date"], (string?)document["started"]);
        Assert.Equal(JTokenType.Null, document["ended"]!.Type);
    }

    [Fact]
    public async Task Given_a_success_dependency_then_run_waits_for_it_with_409_naming_it_and_runs_once_it_finished()
    {
        var (first, firstToken) = await NewJobAsync();
        var (second, secondToken) = await NewJobAsync($$"""{"depends_on":[{"job":"{{first}}","when":"success"}]}""");

        var (waiting, problem) = await EventAsync(second, secondToken, "run");
        await EventAsync(first, firstToken, "run");
        await EventAsync(first, firstToken, "finish");
        var (ran, answer) = await EventAsync(second, secondToken, "run");

        Assert.Equal(HttpStatusCode.Conflict, waiting);
        Assert.Contains(first, (string?)problem["detail"]);
        var unmet = Assert.Single((JArray)problem["unmet_dependencies"]!);
        Assert.Equal(first, (string?)unmet["job"]);
        Assert.Equal("success", (string?)unmet["when"]);
        Assert.Equal("CREATED", (string?)unmet["state"]);
        Assert.False((bool)problem["blocked"]!);
        Assert.Equal(HttpStatusCode.OK, ran);
        Assert.Equal("RUNNING", (string?)answer["state"]);
        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{second}");
        Assert.Equal(first, (string?)document["depends_on"]![0]!["job"]);
    }

    [Theory]
    [InlineData("success", "fail", false, true)]
    [InlineData("failure", "fail", true, false)]
    [InlineData("failure", "finish", false, true)]
    [InlineData("done", "cancel", true, false)]
    [InlineData("done", "fail", true, false)]
    [InlineData("always", null, true, false)]
    public async Task Given_each_dependency_condition_then_run_is_allowed_or_refused_and_blocked_as_the_condition_says(
        string when, string? firstEnds, bool runs, bool blocked)
    {
        var (first, firstToken) = await NewJobAsync();
        var (second, secondToken) = await NewJobAsync($$"""{"depends_on":[{"job":"{{first}}","when":"{{when}}"}]}""");
        if (firstEnds is not null)
        {
            await EventAsync(first, firstToken, "run");
            await EventAsync(first, firstToken, firstEnds);
        }

        var (status, body) = await EventAsync(second, secondToken, "run");

        Assert.Equal(runs ? HttpStatusCode.OK : HttpStatusCode.Conflict, status);
        if (!runs)
        {
            Assert.Equal(blocked, (bool)body["blocked"]!);
        }
    }

    [Fact]
    public async Task Given_a_dependency_that_can_no_longer_be_met_then_the_system_marks_the_job_blocked_and_unblocks_it_after_a_reset()
    {
        var (first, firstToken) = await NewJobAsync();
        var (second, _) = await NewJobAsync($$"""{"depends_on":[{"job":"{{first}}","when":"success"}]}""");
        await EventAsync(first, firstToken, "run");
        await EventAsync(first, firstToken, "fail");

        var blocked = await WaitForBlockedAsync(second, true);
        await host.Client.PostAsync($"/api/v1/jobs/{first}/rerun", "{}", AdminKey);
        var unblocked = await WaitForBlockedAsync(second, false);
        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{second}/events");

        Assert.Contains(first, (string?)blocked["blocked_reason"]);
        Assert.Contains("FAILED", (string?)blocked["blocked_reason"]);
        Assert.Equal(JTokenType.Null, unblocked["blocked_reason"]!.Type);
        Assert.Equal(["create", "block", "unblock"], ((JArray)events).Select(e => (string)e["name"]!));
        Assert.All(((JArray)events).Skip(1), e => Assert.Equal("system", (string?)e["actor"]!["kind"]));
    }

    private async Task<JToken> WaitForBlockedAsync(string job, bool blocked)
    {
        JToken document = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job}");
            return (bool?)document["blocked"] == blocked;
        }, TimeSpan.FromSeconds(20), $"job {job} to be {(blocked ? "blocked" : "unblocked")} by the system");
        return document;
    }

    [Fact]
    public async Task Given_dependencies_on_an_unknown_job_or_on_itself_then_422_names_them()
    {
        var pipeline = await PipelineAsync();
        var label = Guid.NewGuid().ToString("N");
        var (_, preview) = await host.Client.PostAsync("/api/v1/jobs/preview", JobBodies.Of(pipeline, label), AgentKey);
        const string unknown = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5";

        var (status, problem) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label,
            $$"""{"depends_on":[{"job":"{{unknown}}"},{"job":"{{preview["uuid"]}}","when":"done"}]}"""), AgentKey);
        var (typo, typoProblem) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label,
            $$"""{"depends_on":[{"job":"{{unknown}}","when":"sucess"}]}"""), AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var errors = problem["errors"]!.Values<string>().ToArray();
        Assert.Contains(errors, e => e!.StartsWith("depends_on[0].job: no job", StringComparison.Ordinal));
        Assert.Contains(errors, e => e!.StartsWith("depends_on[1].job: is this job itself", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo);
        Assert.Contains(typoProblem["errors"]!.Values<string>(), e => e!.StartsWith("depends_on[0].when", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_dependency_then_the_lineage_shows_a_depends_on_edge_both_ways()
    {
        var (first, _) = await NewJobAsync();
        var (second, _) = await NewJobAsync($$"""{"depends_on":[{"job":"{{first}}","when":"done"}]}""");

        JToken upstream = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, upstream) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{second}?direction=upstream&depth=1");
            return ((JArray?)upstream["edges"])?.Any(e => (string?)e["relation"] == "depends_on") == true;
        }, TimeSpan.FromSeconds(20), "the depends_on edge to be projected");
        var (_, downstream) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{first}?direction=downstream&depth=1");

        var edge = ((JArray)upstream["edges"]!).Single(e => (string?)e["relation"] == "depends_on");
        Assert.Equal(second, (string?)edge["from"]);
        Assert.Equal(first, (string?)edge["to"]);
        Assert.Contains((JArray)downstream["edges"]!, e => (string?)e["relation"] == "depends_on" && (string?)e["from"] == second);
    }

    [Fact]
    public async Task Given_a_run_past_its_max_wall_time_then_the_system_expires_it_within_five_seconds()
    {
        var (uuid, token) = await NewJobAsync("""{"max_wall_time":1}""");
        await EventAsync(uuid, token, "run");

        var document = await WaitForAsync(uuid, d => (string?)d["state"] == "FAILED");

        Assert.Equal("expire", (string?)document["last_event"]);
        var started = (DateTime)document["started"]!;
        var ended = (DateTime)document["ended"]!;
        Assert.InRange(ended - started, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(6));
        var expire = ((JArray)document["history"]!).Last();
        Assert.Equal("max_wall_time exceeded", (string?)expire["data"]!["reason"]);
        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        Assert.Equal("system", (string?)((JArray)events).Last()["actor"]!["kind"]);
        var (refused, _) = await EventAsync(uuid, token, "expire");
        Assert.Equal(HttpStatusCode.Conflict, refused);
    }

    [Fact]
    public async Task Given_an_auto_delete_job_then_the_system_hides_it_after_its_completion_ttl_and_an_admin_can_undelete_it()
    {
        var (uuid, token) = await NewJobAsync("""{"auto_delete":true,"completion_ttl":1}""");
        await EventAsync(uuid, token, "run");
        await EventAsync(uuid, token, "finish");

        await Eventually.WaitForAsync(async () => (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}")).Status == HttpStatusCode.NotFound,
            TimeSpan.FromSeconds(15), "the system to hide the auto_delete job");

        var (_, hidden) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}?include_deleted=true", key: AdminKey);
        Assert.True((bool)hidden["deleted"]!);
        var (restored, _) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/undelete", null, AdminKey);
        Assert.Equal(HttpStatusCode.OK, restored);
    }

    private async Task<JObject> WaitForAsync(string uuid, Func<JObject, bool> condition)
    {
        var document = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            document = (JObject)(await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}")).Body;
            return condition(document);
        }, TimeSpan.FromSeconds(15), $"job {uuid} to reach the expected state");
        return document;
    }

    [Fact]
    public async Task Given_events_from_an_agent_a_job_token_and_an_admin_then_each_event_records_its_actor()
    {
        var (uuid, token) = await NewJobAsync();
        await EventAsync(uuid, token, "run");
        await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"update"}""", AdminKey);
        await host.Client.PostAsync($"/api/v1/jobs/{uuid}/reset", "{}", AdminKey);

        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");

        var actors = ((JArray)events).Select(e => ((string)e["actor"]!["kind"]!, (string)e["actor"]!["name"]!)).ToArray();
        Assert.Equal(["agent", "job", "admin", "admin"], actors.Select(a => a.Item1));
        Assert.Equal("job-token", actors[1].Item2);
        Assert.Matches("^[0-9a-f]{8}$", actors[0].Item2);
        Assert.DoesNotContain(actors, a => a.Item2.Contains(AdminKey, StringComparison.Ordinal) || a.Item2.Contains(AgentKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_every_admin_action_then_the_audit_log_records_each_with_its_actor_time_and_reason()
    {
        var (uuid, token) = await NewJobAsync();
        await EventAsync(uuid, token, "run");
        await EventAsync(uuid, token, "fail");

        var calls = new (HttpMethod Method, string Path, string? Body)[]
        {
            (HttpMethod.Post, $"/api/v1/jobs/{uuid}/rerun", """{"reason":"input replaced"}"""),
            (HttpMethod.Post, $"/api/v1/jobs/{uuid}/reset?reason=bad%20run", "{}"),
            (HttpMethod.Post, $"/api/v1/jobs/{uuid}/ready?reason=fixed", "{}"),
            (HttpMethod.Post, $"/api/v1/jobs/{uuid}/token?reason=leaked", null),
            (HttpMethod.Delete, $"/api/v1/jobs/{uuid}?reason=duplicate", null),
            (HttpMethod.Post, $"/api/v1/jobs/{uuid}/undelete?reason=not%20a%20duplicate", null),
            (HttpMethod.Post, $"/api/v1/jobs/{uuid}/purge?reason=test%20data", null),
        };
        foreach (var (method, path, body) in calls)
        {
            var (status, answer) = await host.Client.SendAsync(method, path, body, AdminKey);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NoContent, $"{method} {path}: {status} {answer}");
        }
        var (tooLong, _) = await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{uuid}?reason={new string('x', 1025)}", null, AdminKey);
        var (_, audit) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/admin/audit?job_uuid={uuid}", null, AdminKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong);
        var records = ((JArray)audit["items"]!).Reverse().ToArray();
        Assert.Equal(["rerun", "reset", "ready", "token", "delete", "undelete", "purge"], records.Select(r => (string)r["action"]!));
        Assert.Equal(["input replaced", "bad run", "fixed", "leaked", "duplicate", "not a duplicate", "test data"],
            records.Select(r => (string)r["detail"]!["reason"]!));
        Assert.All(records, r => Assert.StartsWith("admin:", (string?)r["actor"], StringComparison.Ordinal));
        // create, run, fail, rerun (reset and ready), reset, ready, token, delete, undelete: what the purge removed.
        Assert.Equal(10L, (long)records[^1]["detail"]!["events"]!);
        Assert.Equal(["job.reset.v1", "job.readied.v1"], records[0]["detail"]!["events"]!.Values<string>());
    }

    [Fact]
    public async Task Given_failed_jobs_of_a_pipeline_when_an_admin_reruns_them_in_bulk_then_an_operation_reruns_each_and_shows_its_progress()
    {
        // A pipeline of its own, so the other tests' failed jobs are not rerun.
        var (_, registered) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"bulk-{{Guid.NewGuid():N}}","name":"Bulk rerun pipeline","components":[{"id":"actor1","image":"sd2e/img:1"}]}""", AgentKey);
        var pipeline = (string)registered["uuid"]!;
        var failed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (uuid, token) = await NewJobAsync(pipeline, null);
            await EventAsync(uuid, token, "run");
            await EventAsync(uuid, token, i < 2 ? "fail" : "finish");
            if (i < 2)
            {
                failed.Add(uuid);
            }
        }

        var (status, started) = await host.Client.PostAsync("/api/v1/admin/rerun",
            $$"""{"state":"failed","pipeline_uuid":"{{pipeline}}","reason":"shared input fixed"}""", AdminKey);
        var id = (string)started["id"]!;
        JToken operation = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, operation) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/admin/operations/{id}", null, AdminKey);
            return (string?)operation["state"] == "finished";
        }, TimeSpan.FromSeconds(30), "the bulk rerun to finish");
        var (_, listed) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs?pipeline_uuid={pipeline}&state=CREATED");
        var (_, audit) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/admin/audit?job_uuid={failed[0]}", null, AdminKey);

        Assert.Equal(HttpStatusCode.Accepted, status);
        Assert.Equal(2, (int)started["total"]!);
        Assert.Equal($"/api/v1/admin/operations/{id}", (string?)started["progress"]);
        Assert.Equal(2, (int)operation["done"]!);
        Assert.Equal(0, (int)operation["skipped"]!);
        Assert.Equal(100.0, (double)operation["percent"]!);
        Assert.Equal(failed.Order(), operation["jobs_done"]!.Values<string>().Order());
        Assert.Equal(failed.Order(), listed["items"]!.Select(j => (string)j["uuid"]!).Order());
        var rerun = Assert.Single((JArray)audit["items"]!, r => (string?)r["action"] == "rerun");
        Assert.Equal(id, (string?)rerun["detail"]!["operation"]);
        Assert.Equal("shared input fixed", (string?)rerun["detail"]!["reason"]);
    }

    [Theory]
    [InlineData("""{"pipeline_uuid":"10631951-75c6-5bd9-8320-8edb88bd3a34"}""", "state")]
    [InlineData("""{"state":"FIALED"}""", "state")]
    [InlineData("""{"state":"FAILED","pipeline":"x"}""", "pipeline")]
    [InlineData("""{"state":"FAILED","updated_after":"yesterday"}""", "updated_after")]
    [InlineData("""{"state":"FAILED","reason":7}""", "reason")]
    public async Task Given_a_bad_bulk_rerun_then_422_names_the_field_and_nothing_starts(string body, string field)
    {
        var (status, problem) = await host.Client.PostAsync("/api/v1/admin/rerun", body, AdminKey);
        var (agent, _) = await host.Client.PostAsync("/api/v1/admin/rerun", """{"state":"FAILED"}""", AgentKey);
        var (unknown, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/admin/operations/{Guid.NewGuid()}", null, AdminKey);
        var (garbage, _) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/admin/operations/not-an-id", null, AdminKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(problem["errors"]!.Values<string>(), e => e!.Contains(field, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, agent);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Equal(HttpStatusCode.NotFound, garbage);
    }

    [Fact]
    public async Task Given_jobs_that_went_quiet_then_stale_after_lists_the_active_ones_only()
    {
        var owner = "stale-" + Guid.NewGuid().ToString("N")[..8];
        var fields = $$"""{"owner":"{{owner}}"}""";
        var (quiet, quietToken) = await NewJobAsync(fields);
        var (finished, finishedToken) = await NewJobAsync(fields);
        var (busy, busyToken) = await NewJobAsync(fields);
        await EventAsync(quiet, quietToken, "run");
        await EventAsync(finished, finishedToken, "run");
        await EventAsync(finished, finishedToken, "finish");
        await EventAsync(busy, busyToken, "run");

        // Waits until the quiet job has gone a second without an event (the list says so), then the busy one sends one.
        await Eventually.WaitForAsync(async () => (await ListAsync($"owner={owner}&stale_after=1")).Contains(quiet),
            TimeSpan.FromSeconds(15), "the quiet job to be listed as stale");
        await EventAsync(busy, busyToken, "update");

        Assert.Equal([quiet], await ListAsync($"owner={owner}&stale_after=1"));
        Assert.Empty(await ListAsync($"owner={owner}&stale_after=3600"));
        var (bad, _) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/jobs?stale_after=-5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
    }

    [Fact]
    public async Task Given_a_job_that_moved_through_states_then_the_time_in_each_is_recorded()
    {
        var (uuid, token) = await NewJobAsync();
        await EventAsync(uuid, token, "run");
        await EventAsync(uuid, token, "update");
        await EventAsync(uuid, token, "finish");

        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}");

        var history = (JArray)document["history"]!;
        var times = history.Select(h => (DateTime)h["date"]!).ToArray();
        var spent = (JObject)document["state_ms"]!;
        Assert.Equal(["CREATED", "RUNNING"], spent.Properties().Select(p => p.Name));
        Assert.Equal((long)(times[1] - times[0]).TotalMilliseconds, (long)spent["CREATED"]!);
        Assert.Equal((long)(times[3] - times[1]).TotalMilliseconds, (long)spent["RUNNING"]!);
        Assert.Equal((string?)history[3]["date"], (string?)document["state_entered"]);
        Assert.Equal((string?)history[3]["date"], (string?)document["ended"]);
    }

    private static List<string> Sorted(params string[] uuids) => uuids.Order().ToList();

    private async Task<List<string>> ListAsync(string query)
    {
        var (status, page) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs?{query}");
        Assert.Equal(HttpStatusCode.OK, status);
        return page["items"]!.Select(j => (string)j["uuid"]!).Order().ToList();
    }

    private Task<(HttpStatusCode Status, JToken Body)> EventAsync(string uuid, string token, string name, string? data = null) =>
        host.Client.PostAsync($"/api/v1/jobs/{uuid}/events",
            $$"""{"name":"{{name}}","token":"{{token}}"{{(data is null ? "" : $",\"data\":{data}")}}}""");

    private async Task<string> PipelineAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        return (string)pipeline["uuid"]!;
    }

    private async Task<(string Uuid, string Token)> NewJobAsync(string? fields = null) => await NewJobAsync(await PipelineAsync(), fields);

    private async Task<(string Uuid, string Token)> NewJobAsync(string pipeline, string? fields)
    {
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, Guid.NewGuid().ToString("N"), fields), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)job["uuid"]!, (string)job["token"]!);
    }
}
