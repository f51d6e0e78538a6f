using System.Net;
using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.Lineage;
using Catalog.Core.Projections;
using Catalog.Tests.Http;
using Catalog.Tests.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Lineage;

/// <summary>The lineage walk over the real host: a provenance graph built through job events, read over HTTP.</summary>
[Trait("Category", "Database")]
public sealed class LineageRoutesTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private JobService Jobs => host.Services.GetRequiredService<JobService>();

    [Fact]
    public async Task Given_a_derived_product_when_walking_upstream_then_exactly_the_nodes_of_each_depth()
    {
        var g = await GraphAsync();

        Assert.Equal(Set(g.D2, g.D1, g.J3), await NodesAsync(g.D2, "upstream", 1));
        Assert.Equal(Set(g.D2, g.D1, g.J3, g.F1, g.F3, g.R1, g.S1, g.P2, g.F2), await NodesAsync(g.D2, "upstream", 2));
        Assert.Equal(Set(g.D2, g.D1, g.J3, g.F1, g.F3, g.R1, g.S1, g.P2, g.F2, g.J1, g.J2), await NodesAsync(g.D2, "upstream", 3));
    }

    [Fact]
    public async Task Given_a_measurement_when_walking_downstream_then_exactly_the_nodes_of_each_depth()
    {
        var g = await GraphAsync();

        Assert.Equal(Set(g.M1, g.J1), await NodesAsync(g.M1, "downstream", 1));
        Assert.Equal(Set(g.M1, g.J1, g.F1, g.F2), await NodesAsync(g.M1, "downstream", 2));
        Assert.Equal(Set(g.M1, g.J1, g.F1, g.F2, g.D1, g.J3), await NodesAsync(g.M1, "downstream", 3));
    }

    [Fact]
    public async Task Given_a_job_when_walking_both_ways_then_the_union_of_the_two_directed_walks_with_the_edges_between_them()
    {
        var g = await GraphAsync();

        var (status, body) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{g.J3}?depth=1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((g.J3, 1, "both", false), ((string?)body["root"], (int)body["depth"]!, (string?)body["direction"], (bool)body["truncated"]!));
        Assert.Equal(Set(g.J3, g.S1, g.P2, g.F2, g.R1, g.D1, g.D2), Uuids(body));
        Assert.Equal(
            Set($"{g.J3} child_of {g.S1}", $"{g.J3} generated_by {g.P2}", $"{g.J3} acted_on {g.F2}", $"{g.J3} acted_using {g.R1}",
                $"{g.D1} child_of {g.J3}", $"{g.D1} generated_by {g.J3}", $"{g.D1} derived_using {g.R1}",
                $"{g.D2} child_of {g.J3}", $"{g.D2} generated_by {g.J3}", $"{g.D2} derived_from {g.D1}"),
            ((JArray)body["edges"]!).Select(e => $"{e["from"]} {e["relation"]} {e["to"]}").ToHashSet());
        var nodes = ((JArray)body["nodes"]!).ToDictionary(n => (string)n["uuid"]!);
        Assert.Equal(g.J3, (string?)body["nodes"]![0]!["uuid"]);
        Assert.Equal(("pipelinejob", $"Aggregation {g.Label} (FINISHED)", "FINISHED"),
            ((string?)nodes[g.J3]["type"], (string?)nodes[g.J3]["label"], (string?)nodes[g.J3]["state"]));
        Assert.Equal(("pipeline", $"Aggregation {g.Label}", false), ((string?)nodes[g.P2]["type"], (string?)nodes[g.P2]["label"], ((JObject)nodes[g.P2]).ContainsKey("state")));
        Assert.Equal(("sample", JTokenType.Null), ((string?)nodes[g.S1]["type"], nodes[g.S1]["label"]!.Type));
        Assert.Equal("reference", (string?)nodes[g.R1]["type"]);
        Assert.Equal("file", (string?)nodes[g.D1]["type"]);
        Assert.Contains((string?)nodes[g.D1]["label"], new[] { null, $"/products/v2/{g.Label}/j3/merged.csv" });

        Assert.Equal(Set(g.J3, g.S1, g.P2, g.F2, g.R1, g.D1, g.D2, g.J1), await NodesAsync(g.J3, "both", 2));
        Assert.Equal(Set(g.J3, g.S1, g.P2, g.F2, g.R1, g.D1, g.D2, g.J1, g.M1, g.M2, g.P1), await NodesAsync(g.J3, "both", 3));
    }

    [Fact]
    public async Task Given_two_files_deriving_from_each_other_when_walking_to_depth_20_then_the_walk_ends()
    {
        var g = await GraphAsync();

        Assert.Equal(Set(g.C1, g.C2, g.J4, g.S2, g.P2), await NodesAsync(g.C1, "upstream", 20));
        var (_, body) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{g.C1}?direction=downstream&depth=20");
        Assert.Equal(Set(g.C1, g.C2), Uuids(body));
        Assert.Equal(Set($"{g.C1} derived_from {g.C2}", $"{g.C2} derived_from {g.C1}"),
            ((JArray)body["edges"]!).Select(e => $"{e["from"]} {e["relation"]} {e["to"]}").ToHashSet());
    }

    [Fact]
    public async Task Given_a_hidden_job_then_its_edges_are_gone_from_every_query_and_restoring_brings_them_back()
    {
        var g = await GraphAsync();

        await WaitAsync(await ProvenanceGraph.HandleAsync(Jobs, g.J3, new JobCommand.Hide(ProvenanceGraph.Actor), CancellationToken.None));

        Assert.Equal(Set(g.D2), await NodesAsync(g.D2, "upstream", 3));
        Assert.Equal(Set(g.M1, g.J1, g.F1, g.F2), await NodesAsync(g.M1, "downstream", 3));
        // For readers the hidden job is gone, and with it what only it named.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/lineage/{g.S1}/jobs"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/jobs/{g.J3}/outputs"));

        await WaitAsync(await ProvenanceGraph.HandleAsync(Jobs, g.J3, new JobCommand.Restore(ProvenanceGraph.Actor), CancellationToken.None));

        Assert.Equal(Set(g.D2, g.D1, g.J3, g.F1, g.F3, g.R1, g.S1, g.P2, g.F2, g.J1, g.J2), await NodesAsync(g.D2, "upstream", 3));
        Assert.Equal([g.J3], await ItemsAsync($"/api/v1/lineage/{g.S1}/jobs"));
    }

    [Fact]
    public async Task Given_a_purged_job_then_its_edges_are_gone_and_the_rest_stays()
    {
        var g = await GraphAsync();

        Assert.NotNull(await Jobs.PurgeAsync(g.J2, ProvenanceGraph.Actor, CancellationToken.None));

        Assert.Equal(Set(g.D2, g.D1, g.J3, g.F1, g.F3, g.R1, g.S1, g.P2, g.F2, g.J1, g.M1, g.M2, g.P1), await NodesAsync(g.D2, "upstream", 4));
        // What only the purged job named is unknown now; its file is still known (its record stays), without a producer.
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/lineage/{g.M3}?direction=downstream"));
        Assert.Empty(await ItemsAsync($"/api/v1/files/{g.F3}/producer"));
    }

    [Fact]
    public async Task Given_a_limit_smaller_than_the_walk_then_the_first_nodes_and_truncated()
    {
        var g = await GraphAsync();
        var first = new[] { g.J1, g.J2 }.Min(StringComparer.Ordinal)!;

        var (_, cut) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{g.P1}?direction=downstream&depth=1&limit=2");
        var (_, whole) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{g.P1}?direction=downstream&depth=1&limit=3");

        Assert.Equal(Set(g.P1, first), Uuids(cut));
        Assert.True((bool)cut["truncated"]!);
        Assert.Equal(0, ((JArray)cut["edges"]!).Count(e => (string?)e["from"] != first));
        Assert.Equal(Set(g.P1, g.J1, g.J2), Uuids(whole));
        Assert.False((bool)whole["truncated"]!);
    }

    [Fact]
    public async Task Given_canonical_identifiers_a_node_without_edges_and_an_unknown_one_then_200_404_and_bad_queries_422()
    {
        var g = await GraphAsync();
        var lonely = TypedUuid.Create(UuidType.Experiment, $"experiment.tacc.{g.Label}-none");

        Assert.Equal(Set(g.M1, g.J1), await NodesAsync(g.M1Identifier, "downstream", 1));
        // Upstream of a pipeline there is nothing: the root alone; an experiment nobody named is unknown.
        var (status, body) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{g.P1}?direction=upstream");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(g.P1, (string?)body["nodes"]![0]!["uuid"]);
        Assert.Empty((JArray)body["edges"]!);
        var (unknown, problem) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{lonely}");
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains(lonely, (string?)problem["detail"]);
        foreach (var query in new[] { "depth=0", "depth=21", "depth=x", "direction=sideways", "limit=0", "limit=10001" })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{g.J1}?{query}")).Status);
        }
        foreach (var node in new[] { "nonsense", "107b93f3-zzzz-5e79-8a18-0a480f8aa3a5", "00000000-0000-5000-8000-000000000000", "widget.tacc.1" })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{node}")).Status);
        }
    }

    [Fact]
    public async Task Given_the_graph_then_jobs_of_metadata_outputs_of_jobs_and_inputs_and_producers_of_files()
    {
        var g = await GraphAsync();

        Assert.Equal([g.J1], await ItemsAsync($"/api/v1/lineage/{g.M1}/jobs"));
        Assert.Equal([g.J1], await ItemsAsync($"/api/v1/lineage/{g.M1Identifier}/jobs"));
        Assert.Equal([g.J3], await ItemsAsync($"/api/v1/lineage/{g.S1Identifier}/jobs"));
        Assert.Equal(Sorted(g.F1, g.F2), await ItemsAsync($"/api/v1/jobs/{g.J1}/outputs"));
        Assert.Equal(Sorted(g.D1, g.D2), await ItemsAsync($"/api/v1/jobs/{g.J3}/outputs"));
        var (_, inputs) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{g.D1}/inputs");
        Assert.Equal(
            new[] { $"{g.F1} derived_from file", $"{g.F3} derived_from file", $"{g.R1} derived_using reference" }.Order(StringComparer.Ordinal),
            ((JArray)inputs["items"]!).Select(i => $"{i["uuid"]} {i["relation"]} {i["type"]}"));
        var (_, producer) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/files/{g.D2}/producer");
        var job = Assert.Single((JArray)producer["items"]!);
        Assert.Equal((g.J3, "FINISHED", $"Aggregation {g.Label} (FINISHED)"), ((string?)job["uuid"], (string?)job["state"], (string?)job["label"]));
        foreach (var path in new[] { "/api/v1/jobs/nonsense/outputs", $"/api/v1/jobs/{g.F1}/outputs", $"/api/v1/files/{g.J1}/inputs",
            "/api/v1/files/nonsense/producer", "/api/v1/lineage/nonsense/jobs" })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.Client.SendAsync(HttpMethod.Get, path)).Status);
        }
    }

    [Fact]
    public async Task Given_a_job_created_over_http_with_files_and_references_in_its_data_then_acted_on_and_acted_using_edges()
    {
        var label = Guid.NewGuid().ToString("N")[..8];
        var pipeline = await RegisterPipelineAsync($"Acting {label}");
        const string file1 = "agave://data-sd2e-community/uploads/transcriptic/201808/yeast_gates/r1bsmggea748b_r1bsun4yb67e7/wt-control-1_0.00015_2.fcs";
        const string ref1 = "agave://data-sd2e-community/reference/novel_chassis/uma_refs/MG1655_WT/MG1655_WT.fa.ann";
        var extra = $"agave://data-sd2e-community/uploads/extra/{label}.txt";
        var body = new JObject
        {
            ["pipeline_uuid"] = pipeline,
            ["measurement_id"] = $"measurement.tacc.0x{label}",
            ["data"] = new JObject { ["inputs"] = new JObject { ["file1"] = file1, ["ref1"] = ref1 }, ["parameters"] = new JObject { ["n"] = 3 } },
            ["inputs"] = new JArray(extra),
        };

        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", body.ToString(), AgentKey);

        Assert.Equal(HttpStatusCode.Created, status);
        string[] files = Sorted("105c0c55-62d0-50ed-a6eb-aa9cd8038d72", FileIdentity.FileUuid($"/uploads/extra/{label}.txt"));
        var reference = TypedUuid.Create(UuidType.Reference, ref1);
        Assert.Equal(files, job["acted_on"]!.Values<string>());
        Assert.Equal([reference], job["acted_using"]!.Values<string>());
        await WaitAsync(await host.Services.GetRequiredService<Core.EventStore.EventStore>().HeadAsync(CancellationToken.None));
        var uuid = (string)job["uuid"]!;
        var measurement = TypedUuid.Create(UuidType.Measurement, $"measurement.tacc.0x{label}");
        Assert.Equal(Set([uuid, pipeline, measurement, reference, .. files]), await NodesAsync(uuid, "upstream", 1));
        var (_, downstream) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{files[0]}?direction=downstream&depth=1");
        Assert.Equal(Set(files[0], uuid), Uuids(downstream));
        Assert.Equal("acted_on", (string?)Assert.Single((JArray)downstream["edges"]!)["relation"]);
    }

    private async Task<ProvenanceGraph> GraphAsync()
    {
        var graph = await ProvenanceGraph.BuildAsync(Jobs, RegisterPipelineAsync, CancellationToken.None);
        await WaitAsync(graph.LastPosition);
        return graph;
    }

    private async Task<string> RegisterPipelineAsync(string name)
    {
        var definition = new JObject
        {
            ["id"] = $"tacc/{name.Replace(' ', '-').ToLowerInvariant()}:1",
            ["name"] = name,
            ["components"] = new JArray(new JObject { ["id"] = name, ["image"] = "sd2e/lineage:1" }),
        };
        var (status, pipeline) = await host.Client.PostAsync("/api/v1/pipelines", definition.ToString(), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return (string)pipeline["uuid"]!;
    }

    private Task WaitAsync(long position) => host.Services.GetRequiredService<ProjectionDaemon>()
        .WaitForPositionAsync(LineageProjection.ProjectionName, position, Deadline, CancellationToken.None);

    private async Task<HashSet<string>> NodesAsync(string root, string direction, int depth)
    {
        var (status, body) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{root}?direction={direction}&depth={depth}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False((bool)body["truncated"]!);
        return Uuids(body);
    }

    private async Task<HttpStatusCode> StatusAsync(string path) => (await host.Client.SendAsync(HttpMethod.Get, path)).Status;

    private async Task<string[]> ItemsAsync(string path)
    {
        var (status, body) = await host.Client.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, status);
        return ((JArray)body["items"]!).Select(i => (string)i["uuid"]!).ToArray();
    }

    private static HashSet<string> Uuids(JToken body) => ((JArray)body["nodes"]!).Select(n => (string)n["uuid"]!).ToHashSet();

    private static HashSet<string> Set(params string[] items) => items.ToHashSet();

    private static string[] Sorted(params string[] items) => items.Order(StringComparer.Ordinal).ToArray();
}
