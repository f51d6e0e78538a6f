using System.Net;
using Catalog.Tests.EventStore;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>Job groups through the real host: creation, membership, sequential order, derived state, filters, lineage.</summary>
[Trait("Category", "Database")]
public sealed class GroupTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string PipelineBody = """
        {"id":"tacc/groups:1","name":"Group pipeline","components":[{"id":"actor1","image":"sd2e/img:1"}]}
        """;

    [Fact]
    public async Task Given_a_sequential_group_of_three_then_each_member_runs_only_after_the_one_before_it_finished()
    {
        var group = await GroupAsync("sequential");
        var (first, firstToken) = await NewJobAsync(group);
        var (second, secondToken) = await NewJobAsync(group);
        var (third, thirdToken) = await NewJobAsync(group);

        var (early, problem) = await EventAsync(second, secondToken, "run");
        Assert.Equal(HttpStatusCode.Conflict, early);
        var unmet = Assert.Single((JArray)problem["unmet_dependencies"]!);
        Assert.Equal(first, (string?)unmet["job"]);
        Assert.Equal(group, (string?)unmet["group"]);
        Assert.Equal("CREATED", (string?)unmet["state"]);
        Assert.Contains($"sequential group {group}", (string?)problem["detail"]);
        Assert.Equal("CREATED", (string?)(await GetGroupAsync(group))["state"]);

        Assert.Equal(HttpStatusCode.OK, (await EventAsync(first, firstToken, "run")).Status);
        var running = await GetGroupAsync(group);
        Assert.Equal("RUNNING", (string?)running["state"]);
        Assert.Equal(1, (int)running["counts"]!["RUNNING"]!);
        Assert.Equal(2, (int)running["counts"]!["CREATED"]!);
        Assert.Equal([first, second, third], running["members"]!.Select(m => (string)m["uuid"]!));
        Assert.Equal([1, 2, 3], running["members"]!.Select(m => (int)m["position"]!));

        Assert.Equal(HttpStatusCode.OK, (await EventAsync(first, firstToken, "finish")).Status);
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(second, secondToken, "run")).Status);
        var (thirdEarly, thirdProblem) = await EventAsync(third, thirdToken, "run");
        Assert.Equal(HttpStatusCode.Conflict, thirdEarly);
        Assert.Equal(second, (string?)thirdProblem["unmet_dependencies"]![0]!["job"]);
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(second, secondToken, "finish")).Status);
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(third, thirdToken, "run")).Status);
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(third, thirdToken, "finish")).Status);

        var finished = await GetGroupAsync(group);
        Assert.Equal("FINISHED", (string?)finished["state"]);
        Assert.Equal(3, (int)finished["counts"]!["FINISHED"]!);
        Assert.Equal(3, (int)finished["member_count"]!);
    }

    [Fact]
    public async Task Given_a_sequential_member_that_failed_then_the_group_failed_and_the_next_member_is_blocked()
    {
        var group = await GroupAsync("sequential");
        var (first, firstToken) = await NewJobAsync(group);
        var (second, secondToken) = await NewJobAsync(group);
        await EventAsync(first, firstToken, "run");
        await EventAsync(first, firstToken, "fail");

        var (status, problem) = await EventAsync(second, secondToken, "run");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.True((bool)problem["blocked"]!);
        Assert.Equal("FAILED", (string?)(await GetGroupAsync(group))["state"]);
        await Eventually.WaitForAsync(async () =>
        {
            var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{second}");
            return (bool?)document["blocked"] == true && ((string?)document["blocked_reason"])?.Contains(group, StringComparison.Ordinal) == true;
        }, TimeSpan.FromSeconds(20), "the next member to be marked blocked by the system");
    }

    [Fact]
    public async Task Given_a_parallel_group_then_members_run_at_once_and_a_failure_decides_the_group_only_when_the_others_are_over()
    {
        var group = await GroupAsync("parallel");
        var (first, firstToken) = await NewJobAsync(group);
        var (second, secondToken) = await NewJobAsync(group);

        Assert.Equal(HttpStatusCode.OK, (await EventAsync(second, secondToken, "run")).Status);
        Assert.Equal(HttpStatusCode.OK, (await EventAsync(first, firstToken, "run")).Status);
        await EventAsync(first, firstToken, "fail");
        var meanwhile = (string?)(await GetGroupAsync(group))["state"];
        await EventAsync(second, secondToken, "finish");
        var after = await GetGroupAsync(group);

        Assert.Equal("RUNNING", meanwhile);
        Assert.Equal("FAILED", (string?)after["state"]);
        Assert.Equal(1, (int)after["counts"]!["FAILED"]!);
        Assert.Equal(1, (int)after["counts"]!["FINISHED"]!);
    }

    [Fact]
    public async Task Given_existing_jobs_when_added_as_members_then_the_group_documents_history_list_and_lineage_show_it()
    {
        var group = await GroupAsync("parallel");
        var (first, _) = await NewJobAsync();
        var (second, _) = await NewJobAsync();
        var (outsider, _) = await NewJobAsync();

        var (status, answer) = await host.Client.PostAsync($"/api/v1/groups/{group}/members", $$"""{"jobs":["{{second}}","{{first}}"]}""", AgentKey);
        var (again, repeated) = await host.Client.PostAsync($"/api/v1/groups/{group}/members", $$"""{"jobs":["{{first}}"]}""", AgentKey);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([second, first], answer["members"]!.Select(m => (string)m["uuid"]!));
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal([second, first], repeated["members"]!.Select(m => (string)m["uuid"]!));
        var (_, document) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{first}");
        Assert.Equal(group, (string?)document["group"]);
        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{first}/events");
        Assert.Single((JArray)events, e => (string?)e["name"] == "join_group");
        var (_, listed) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs?group={group}");
        Assert.Equal(new[] { first, second }.Order(), listed["items"]!.Select(j => (string)j["uuid"]!).Order());
        Assert.DoesNotContain(outsider, listed["items"]!.Select(j => (string)j["uuid"]!));

        JToken lineage = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, lineage) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{group}?depth=1");
            return ((JArray?)lineage["edges"])?.Count(e => (string?)e["relation"] == "member_of") == 2;
        }, TimeSpan.FromSeconds(20), "both member_of edges to be projected");
        Assert.Contains((JArray)lineage["nodes"]!, n => (string?)n["uuid"] == group && (string?)n["type"] == "job_group"
            && ((string?)n["label"])?.EndsWith("(parallel group)", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Given_bad_members_then_unknown_jobs_are_422_jobs_of_another_group_409_and_an_unknown_group_404()
    {
        var group = await GroupAsync("parallel");
        var other = await GroupAsync("parallel");
        var (taken, _) = await NewJobAsync(other);
        const string unknown = "107b93f3-1eae-5e79-8a18-0a480f8aa3a5";

        var (missing, missingProblem) = await host.Client.PostAsync($"/api/v1/groups/{group}/members", $$"""{"jobs":["{{unknown}}"]}""", AgentKey);
        var (elsewhere, elsewhereProblem) = await host.Client.PostAsync($"/api/v1/groups/{group}/members", $$"""{"jobs":["{{taken}}"]}""", AgentKey);
        var (noGroup, _) = await host.Client.PostAsync("/api/v1/groups/1125e0a7-3c1d-5f7e-8a8b-5d0f3b1c2e4a/members", $$"""{"jobs":["{{taken}}"]}""", AgentKey);
        var (notAGroup, _) = await host.Client.PostAsync($"/api/v1/groups/{taken}/members", $$"""{"jobs":["{{taken}}"]}""", AgentKey);
        var (typo, typoProblem) = await host.Client.PostAsync($"/api/v1/groups/{group}/members", $$"""{"job":["{{taken}}"]}""", AgentKey);
        var (anonymous, _) = await host.Client.PostAsync($"/api/v1/groups/{group}/members", $$"""{"jobs":["{{taken}}"]}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing);
        Assert.Contains(missingProblem["errors"]!.Values<string>(), e => e!.StartsWith("jobs[0]: no job", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, elsewhere);
        Assert.Contains(other, (string?)elsewhereProblem["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, noGroup);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAGroup);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, typo);
        Assert.Contains(typoProblem["errors"]!.Values<string>(), e => e!.Contains("job", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous);
        Assert.Equal(0, (int)(await GetGroupAsync(group))["member_count"]!);
    }

    [Fact]
    public async Task Given_a_group_created_twice_then_it_is_the_same_group_and_another_kind_is_409()
    {
        var name = "group-" + Guid.NewGuid().ToString("N");

        var (created, group) = await host.Client.PostAsync("/api/v1/groups", $$"""{"name":"{{name}}","kind":"sequential","owner":"lab-a"}""", AgentKey);
        var (again, same) = await host.Client.PostAsync("/api/v1/groups", $$"""{"name":"{{name}}","kind":"sequential","owner":"lab-a"}""", AdminKey);
        var (otherKind, _) = await host.Client.PostAsync("/api/v1/groups", $$"""{"name":"{{name}}","kind":"parallel","owner":"lab-a"}""", AgentKey);
        var (otherOwner, different) = await host.Client.PostAsync("/api/v1/groups", $$"""{"name":"{{name}}","kind":"parallel"}""", AgentKey);
        var (_, page) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/groups?limit=1000");

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.StartsWith("112", (string?)group["uuid"], StringComparison.Ordinal);
        Assert.Equal("sequential", (string?)group["kind"]);
        Assert.Equal("lab-a", (string?)group["owner"]);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal((string?)group["uuid"], (string?)same["uuid"]);
        Assert.Equal(HttpStatusCode.Conflict, otherKind);
        Assert.Equal(HttpStatusCode.Created, otherOwner);
        Assert.NotEqual((string?)group["uuid"], (string?)different["uuid"]);
        Assert.Contains(page["items"]!, g => (string?)g["uuid"] == (string?)group["uuid"] && (string?)g["name"] == name);
    }

    [Theory]
    [InlineData("""{"kind":"sequential"}""", "name")]
    [InlineData("""{"name":"x","kind":"serial"}""", "kind")]
    [InlineData("""{"name":"x"}""", "kind")]
    [InlineData("""{"name":"","kind":"parallel"}""", "name")]
    [InlineData("""{"name":"x","kind":"parallel","owners":"a"}""", "owners")]
    public async Task Given_a_bad_group_then_422_names_the_field(string body, string field)
    {
        var (status, problem) = await host.Client.PostAsync("/api/v1/groups", body, AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(problem["errors"]!.Values<string>(), e => e!.Contains(field, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_a_job_naming_an_unknown_group_then_422_and_a_repost_with_another_group_attaches_ignoring_it()
    {
        var pipeline = await PipelineAsync();
        var label = Guid.NewGuid().ToString("N");
        var group = await GroupAsync("parallel");
        var other = await GroupAsync("parallel");

        var (unknown, problem) = await host.Client.PostAsync("/api/v1/jobs",
            JobBodies.Of(pipeline, label, """{"group":"1125e0a7-3c1d-5f7e-8a8b-5d0f3b1c2e4a"}"""), AgentKey);
        var (notAGroup, _) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label, $$"""{"group":"{{pipeline}}"}"""), AgentKey);
        var (created, job) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label, $$"""{"group":"{{group}}"}"""), AgentKey);
        var (attached, answer) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(pipeline, label, $$"""{"group":"{{other}}"}"""), AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown);
        Assert.Contains(problem["errors"]!.Values<string>(), e => e!.StartsWith("group: no group", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAGroup);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(group, (string?)job["group"]);
        Assert.Equal(HttpStatusCode.OK, attached);
        Assert.Equal(["group"], answer["ignored_changes"]!.Values<string>());
        Assert.Equal(group, (string?)answer["group"]);
        Assert.Equal(0, (int)(await GetGroupAsync(other))["member_count"]!);
    }

    private async Task<string> GroupAsync(string kind)
    {
        var (status, group) = await host.Client.PostAsync("/api/v1/groups",
            $$"""{"name":"group-{{Guid.NewGuid():N}}","kind":"{{kind}}"}""", AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return (string)group["uuid"]!;
    }

    private async Task<JToken> GetGroupAsync(string group)
    {
        var (status, body) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/groups/{group}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private Task<(HttpStatusCode Status, JToken Body)> EventAsync(string uuid, string token, string name) =>
        host.Client.PostAsync($"/api/v1/jobs/{uuid}/events", $$"""{"name":"{{name}}","token":"{{token}}"}""");

    private async Task<string> PipelineAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", PipelineBody, AgentKey);
        return (string)pipeline["uuid"]!;
    }

    private async Task<(string Uuid, string Token)> NewJobAsync(string? group = null)
    {
        var fields = group is null ? null : $$"""{"group":"{{group}}"}""";
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", JobBodies.Of(await PipelineAsync(), Guid.NewGuid().ToString("N"), fields), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)job["uuid"]!, (string)job["token"]!);
    }
}
