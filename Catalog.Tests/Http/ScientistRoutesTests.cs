using System.Net;
using Catalog.Tests.EventStore;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>The scientist routes tell an unknown node (a typo) from a known one without lineage: 404, not an empty 200.</summary>
[Trait("Category", "Database")]
public sealed class ScientistRoutesTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    [Theory]
    [InlineData("/api/v1/lineage/{0}", "107")]
    [InlineData("/api/v1/lineage/{0}", "104")]
    [InlineData("/api/v1/lineage/{0}/jobs", "104")]
    [InlineData("/api/v1/jobs/{0}/outputs", "107")]
    [InlineData("/api/v1/files/{0}/inputs", "105")]
    [InlineData("/api/v1/files/{0}/producer", "105")]
    public async Task Given_a_uuid_the_catalog_never_saw_then_the_route_answers_404(string route, string prefix)
    {
        var unknown = prefix + Guid.NewGuid().ToString("D")[3..];

        var (status, problem) = await host.Client.SendAsync(HttpMethod.Get, string.Format(route, unknown));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(unknown, (string?)problem["detail"]);
    }

    [Fact]
    public async Task Given_a_new_job_then_its_measurement_and_the_job_are_known_at_once_even_before_lineage_is_projected()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"known-{{Guid.NewGuid():N}}","name":"Known","components":[{"id":"a","image":"img:1"}]}""", AgentKey);
        var measurement = $"measurement.tacc.0x{Random.Shared.Next():X}";
        var (_, job) = await host.Client.PostAsync("/api/v1/jobs",
            $$$"""{"pipeline_uuid":"{{{pipeline["uuid"]}}}","measurement_id":"{{{measurement}}}","data":{"n":1}}""", AgentKey);

        var (outputs, items) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job["uuid"]}/outputs");
        var (jobs, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{measurement}/jobs");
        var (graph, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{job["child_of"]![0]}");

        Assert.Equal(HttpStatusCode.OK, outputs);
        Assert.Empty((JArray)items["items"]!);
        Assert.Equal(HttpStatusCode.OK, jobs);
        Assert.Equal(HttpStatusCode.OK, graph);
    }

    [Fact]
    public async Task Given_pipelines_registered_with_an_id_then_the_id_finds_one_and_an_id_shared_by_two_is_409_naming_both()
    {
        var id = $"tacc/qc-{Guid.NewGuid():N}:2";
        var shared = $"tacc/shared-{Guid.NewGuid():N}";
        var (_, one) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"{{id}}","name":"QC","components":[{"id":"a","image":"img:1"}]}""", AgentKey);
        var (_, first) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"{{shared}}","name":"Shared 1","components":[{"id":"a","image":"img:1"}]}""", AgentKey);
        var (_, second) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"{{shared}}","name":"Shared 2","components":[{"id":"b","image":"img:2"}]}""", AgentKey);

        var (found, pipeline) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/pipelines/{Uri.EscapeDataString(id)}");
        var (byUuid, same) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/pipelines/{one["uuid"]}");
        var (ambiguous, problem) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/pipelines/{Uri.EscapeDataString(shared)}");
        var (unknown, _) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/pipelines/{Uri.EscapeDataString(id + "x")}");

        Assert.Equal(HttpStatusCode.OK, found);
        Assert.Equal((string?)one["uuid"], (string?)pipeline["uuid"]);
        Assert.Equal(HttpStatusCode.OK, byUuid);
        Assert.Equal(pipeline.ToString(), same.ToString());
        Assert.Equal(HttpStatusCode.Conflict, ambiguous);
        Assert.Equal(new[] { (string)first["uuid"]!, (string)second["uuid"]! }.Order(), problem["pipelines"]!.Values<string>().Order());
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Given_a_job_created_with_a_canonical_identifier_then_its_node_is_labelled_with_what_the_scientist_typed()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"named-{{Guid.NewGuid():N}}","name":"Named","components":[{"id":"a","image":"img:1"}]}""", AgentKey);
        var measurement = $"measurement.tacc.0x{Random.Shared.Next():X}";
        var (_, job) = await host.Client.PostAsync("/api/v1/jobs",
            $$$"""{"pipeline_uuid":"{{{pipeline["uuid"]}}}","measurement_id":"{{{measurement}}}","data":{"n":1}}""", AgentKey);
        var node = (string)job["child_of"]![0]!;

        JToken lineage = new JObject();
        await Eventually.WaitForAsync(async () =>
        {
            (_, lineage) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{job["uuid"]}?direction=upstream&depth=1");
            return ((JArray?)lineage["nodes"])?.Any(n => (string?)n["uuid"] == node && (string?)n["label"] == measurement) == true;
        }, TimeSpan.FromSeconds(20), "the measurement node to be labelled with its identifier");

        Assert.Equal(measurement, (string?)job["names"]![node]);
        Assert.Equal("measurement", (string?)((JArray)lineage["nodes"]!).Single(n => (string?)n["uuid"] == node)["type"]);
        var jobNode = ((JArray)lineage["nodes"]!).Single(n => (string?)n["uuid"] == (string?)job["uuid"]);
        Assert.Equal(((string?)pipeline["uuid"], "Named", (string?)pipeline["id"], (string?)job["created"]),
            ((string?)jobNode["pipeline_uuid"], (string?)jobNode["pipeline"], (string?)jobNode["pipeline_id"], (string?)jobNode["created"]));
    }
}
