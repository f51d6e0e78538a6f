using System.Net;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// A job and lineage as of a time, through the real host: each answer is what the catalog had committed by then. The
/// times are taken between answers, so each lies after one commit and before the next, without waiting.
/// </summary>
[Trait("Category", "Database")]
public sealed class AsOfTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    [Fact]
    public async Task Given_a_job_that_ran_finished_and_was_hidden_then_each_past_time_answers_the_job_as_it_was()
    {
        var beforeCreation = Now();
        var (job, token) = await NewJobAsync();
        var created = Now();
        await EventAsync(job, token, "run");
        var running = Now();
        await EventAsync(job, token, "finish");
        var finished = Now();
        Assert.Equal(HttpStatusCode.NoContent, (await host.Client.SendAsync(HttpMethod.Delete, $"/api/v1/jobs/{job}", key: AdminKey)).Status);

        Assert.Equal(HttpStatusCode.NotFound, (await GetJobAsync(job, beforeCreation, AdminKey)).Status);
        var (_, atCreation) = await GetJobAsync(job, created, AdminKey);
        Assert.Equal("CREATED", (string?)atCreation["state"]);
        Assert.Single((JArray)atCreation["history"]!);
        var (_, atRun) = await GetJobAsync(job, running, AdminKey);
        Assert.Equal("RUNNING", (string?)atRun["state"]);
        Assert.Equal(["create", "run"], atRun["history"]!.Select(h => (string)h["name"]!));
        Assert.NotNull(atCreation["as_of"]);
        var (_, atFinish) = await GetJobAsync(job, finished, AdminKey);
        Assert.Equal("FINISHED", (string?)atFinish["state"]);
        Assert.False((bool)atFinish["deleted"]!);
        // Hidden now: agents see it neither now nor in the past; an admin asking for hidden jobs sees it.
        Assert.Equal(HttpStatusCode.NotFound, (await GetJobAsync(job, finished, AgentKey)).Status);
    }

    [Fact]
    public async Task Given_lineage_that_grew_then_a_past_time_answers_the_edges_recorded_by_then()
    {
        var runId = OpenLineageEvents.NewRunId();
        var name = $"asof_{Guid.NewGuid():N}"[..16];
        var (_, started) = await host.Client.PostAsync("/api/v1/lineage",
            OpenLineageEvents.Flink("START", name, runId, "2026-12-03T13:00:00Z").ToString(), AgentKey);
        var job = (string)started["job_uuid"]!;
        var afterStart = Now();
        var complete = OpenLineageEvents.Flink("COMPLETE", name, runId, "2026-12-03T13:10:00Z");
        complete["outputs"] = new JArray(new JObject { ["namespace"] = "kafka://broker:9092", ["name"] = $"late-output-{name}" });
        await host.Client.PostAsync("/api/v1/lineage", complete.ToString(), AgentKey);
        var late = $"kafka://broker:9092/late-output-{name}";

        await Catalog.Tests.EventStore.Eventually.WaitForAsync(async () =>
            (await LineageAsync(job, null)).Nodes.Contains(late), TimeSpan.FromSeconds(20), "the late output's edge to be projected");
        var (pastNodes, pastAnswer) = await LineageAsync(job, afterStart);

        Assert.DoesNotContain(late, pastNodes);
        Assert.Contains($"kafka://broker:9092/plate-reader.raw.{name}", pastNodes);
        Assert.NotNull(pastAnswer["as_of"]);
        var (_, before) = await LineageAsync(job, DateTimeOffset.Parse("2020-01-01T00:00:00Z"));
        Assert.Empty((JArray)before["edges"]!);
        Assert.Equal(job, (string?)Assert.Single((JArray)before["nodes"]!)["uuid"]);
    }

    [Fact]
    public async Task Given_an_as_of_that_is_no_time_then_it_is_a_422()
    {
        var (job, _) = await NewJobAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job}?as_of=yesterday")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{job}?as_of=soon")).Status);
    }

    private static DateTimeOffset Now() => DateTimeOffset.UtcNow;

    private static string Time(DateTimeOffset time) => Uri.EscapeDataString(time.UtcDateTime.ToString("o"));

    private Task<(HttpStatusCode Status, JToken Body)> GetJobAsync(string job, DateTimeOffset asOf, string key) =>
        host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job}?as_of={Time(asOf)}&include_deleted={(key == AdminKey ? "true" : "false")}", key: key);

    private async Task<(IReadOnlyList<string> Nodes, JToken Answer)> LineageAsync(string job, DateTimeOffset? asOf)
    {
        var (status, answer) = await host.Client.SendAsync(HttpMethod.Get,
            $"/api/v1/lineage/{job}?depth=2{(asOf is { } time ? $"&as_of={Time(time)}" : "")}");
        Assert.Equal(HttpStatusCode.OK, status);
        return (answer["nodes"]!.Select(n => (string?)n["label"] ?? (string)n["uuid"]!).Append(job).ToList(), answer);
    }

    private async Task<(string Job, string Token)> NewJobAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            """{"id":"tacc/asof:1","name":"As of","components":[{"id":"asof","image":"sd2e/asof:1"}]}""", AgentKey);
        var (status, created) = await host.Client.PostAsync("/api/v1/jobs",
            $$$"""{"pipeline_uuid":"{{{pipeline["uuid"]}}}","data":{"run":"{{{Guid.NewGuid()}}}"}}""", AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)created["uuid"]!, (string)created["token"]!);
    }

    private async Task EventAsync(string job, string token, string name)
    {
        var (status, _) = await host.Client.PostAsync($"/api/v1/jobs/{job}/events", $$"""{"token":"{{token}}","name":"{{name}}"}""");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
