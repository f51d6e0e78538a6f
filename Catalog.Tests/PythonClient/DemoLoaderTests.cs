using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Catalog.Tests.PythonClient;

/// <summary>
/// The demo loader (<c>clients/python/demo/load_demo.py</c>, what <c>./build/run --demo</c> runs) against the real
/// catalog over a fresh database: the world it promises is there, and a second load records nothing new.
/// </summary>
[Trait("Category", "Database")]
public sealed class DemoLoaderTests(LiveCatalogFixture catalog, ITestOutputHelper log) : IClassFixture<LiveCatalogFixture>
{
    private static readonly string[] PipelineIds = ["tacc/fcs-qc:1", "tacc/rnaseq-qc:2", "tacc/growth-aggregate:1"];

    [Fact]
    public async Task Given_a_fresh_catalog_when_the_demo_is_loaded_twice_then_the_world_is_there_and_the_second_load_records_nothing()
    {
        var first = await LoadAsync();
        Assert.True(first.ExitCode == 0, first.Describe());
        log.WriteLine(first.Output);
        Assert.Contains("7 jobs (7 new)", first.Output, StringComparison.Ordinal);
        Assert.Contains($"{catalog.BaseAddress.ToString().TrimEnd('/')}/lineage/measurement.tacc.0x1A2B3C01", first.Output, StringComparison.Ordinal);

        var pipelines = new Dictionary<string, string>();
        foreach (var id in PipelineIds)
        {
            var pipeline = await GetAsync($"/api/v1/pipelines/{Uri.EscapeDataString(id)}");
            pipelines[id] = (string)pipeline["uuid"]!;
        }

        // Flow cytometry QC: a sequential group of three measurements, two indexed and tagged, one failed.
        var qc = await JobsAsync(pipelines["tacc/fcs-qc:1"]);
        Assert.Equal(["FAILED", "FINISHED", "FINISHED"], qc.Select(j => (string)j["state"]!).Order(StringComparer.Ordinal));
        var failed = await GetAsync($"/api/v1/jobs/{qc.Single(j => (string)j["state"]! == "FAILED")["uuid"]}");
        var failure = failed["history"]!.Last(h => (string)h["name"]! == "fail");
        Assert.StartsWith("Gating failed", (string)failure["data"]!["message"]!, StringComparison.Ordinal);
        Assert.All(qc, job => Assert.Single(job["child_of"]!));
        var reference = await GetAsync($"/api/v1/jobs/{qc.Single(j => (string)j["data"]!["plate_well"]! == "A1")["uuid"]}");
        Assert.Equal(["flow", "nightly", "qc-passed"], reference["tags"]!.Values<string>());
        Assert.Equal("jdoe", (string)reference["labels"]!["reviewer"]!);
        Assert.Equal(0.82, (double)reference["measurements"]!["gated_fraction"]!);
        Assert.Contains("gates set by hand", (string)reference["notes"]!, StringComparison.Ordinal);
        var archive = (string)reference["archive_path"]!;
        var referenceFiles = await FilesAsync((string)reference["uuid"]!);
        Assert.Equal([archive + "/gated.csv", archive + "/qc_report.json"], referenceFiles.Select(f => (string)f["name"]!).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(catalog.StorageRoot, "data-sd2e-community", archive.TrimStart('/'), "gated.csv")));

        var groups = (await GetAsync("/api/v1/groups"))["items"]!;
        var group = await GetAsync($"/api/v1/groups/{groups.Single(g => (string)g["name"]! == "fcs-qc nightly 2026-12-01")["uuid"]}");
        Assert.Equal("sequential", (string)group["kind"]!);
        Assert.Equal(qc.Select(j => (string)j["uuid"]!).Order(StringComparer.Ordinal),
            group["members"]!.Select(m => (string)m["uuid"]!).Order(StringComparer.Ordinal));

        // RNA-seq QC: one finished and indexed, one cancelled with its reason, one still running.
        var rna = await JobsAsync(pipelines["tacc/rnaseq-qc:2"]);
        Assert.Equal(["CANCELLED", "FINISHED", "RUNNING"], rna.Select(j => (string)j["state"]!).Order(StringComparer.Ordinal));
        var cancelled = await GetAsync($"/api/v1/jobs/{rna.Single(j => (string)j["state"]! == "CANCELLED")["uuid"]}");
        Assert.StartsWith("superseded", (string)cancelled["history"]!.Last()["data"]!["reason"]!, StringComparison.Ordinal);
        Assert.Equal(2, (await FilesAsync((string)rna.Single(j => (string)j["state"]! == "FINISHED")["uuid"]!)).Count);

        // The derived product: its inputs are the two QC jobs' gated tables, and its curves derive from them.
        var aggregate = Assert.Single(await JobsAsync(pipelines["tacc/growth-aggregate:1"]));
        Assert.Equal("FINISHED", (string)aggregate["state"]!);
        Assert.Equal(2, aggregate["child_of"]!.Count());
        var gated = new List<string>();
        foreach (var job in qc.Where(j => (string)j["state"]! == "FINISHED"))
        {
            gated.Add((string)(await FilesAsync((string)job["uuid"]!)).Single(f => ((string)f["name"]!).EndsWith("/gated.csv", StringComparison.Ordinal))["uuid"]!);
        }
        Assert.Equal(gated.Order(StringComparer.Ordinal), aggregate["acted_on"]!.Values<string>().Order(StringComparer.Ordinal));
        var curves = (await FilesAsync((string)aggregate["uuid"]!)).Single(f => ((string)f["name"]!).EndsWith("/curves.csv", StringComparison.Ordinal));
        Assert.Equal(gated.Order(StringComparer.Ordinal), curves["derived_from"]!.Values<string>().Order(StringComparer.Ordinal));

        // The Airflow DAG run: START and COMPLETE of three tasks, each a finished job in the DAG run's group.
        var openLineage = (await GetAsync("/api/v1/lineage/events?namespace=airflow-tacc"))["items"]!;
        Assert.Equal(6, openLineage.Count());
        var tasks = openLineage.Select(e => (string)e["event"]!["run"]!["runId"]!).Distinct().ToList();
        Assert.Equal(3, tasks.Count);
        foreach (var runId in tasks)
        {
            var job = Assert.Single((await GetAsync($"/api/v1/jobs?openlineage_run_id={runId}"))["items"]!);
            Assert.Equal("FINISHED", (string)job["state"]!);
        }

        var lineage = await GetAsync("/api/v1/lineage/measurement.tacc.0x1A2B3C01?direction=downstream&depth=3");
        Assert.Contains((string)reference["uuid"]!, lineage["nodes"]!.Select(n => (string)n["uuid"]!));
        Assert.Contains((string)aggregate["uuid"]!, lineage["nodes"]!.Select(n => (string)n["uuid"]!));

        var before = await SnapshotAsync();
        var second = await LoadAsync();
        Assert.True(second.ExitCode == 0, second.Describe());
        log.WriteLine(second.Output);
        Assert.Contains("7 jobs (0 new)", second.Output, StringComparison.Ordinal);
        Assert.Contains("nothing new recorded", second.Output, StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync());
    }

    private Task<Python.Run> LoadAsync() => Python.RunAsync(Python.System,
        [Path.Combine(Python.ClientFolder, "demo", "load_demo.py"), "--url", catalog.BaseAddress.ToString().TrimEnd('/'),
            "--agent-key", LiveCatalogFixture.AgentKey, "--admin-key", LiveCatalogFixture.AdminKey, "--storage-root", catalog.StorageRoot],
        Path.GetTempPath(), TimeSpan.FromMinutes(3));

    /// <summary>Every job with its stream length, every group with its members, the OpenLineage log and the pipelines.</summary>
    private async Task<string> SnapshotAsync()
    {
        var jobs = (await GetAsync("/api/v1/jobs?limit=1000"))["items"]!
            .Select(j => $"{j["uuid"]}:{j["version"]}").Order(StringComparer.Ordinal);
        var groups = (await GetAsync("/api/v1/groups"))["items"]!.Select(g => $"{g["uuid"]}:{g["member_count"]}");
        var openLineage = (await GetAsync("/api/v1/lineage/events?limit=1000"))["items"]!.Count();
        var pipelines = (await GetAsync("/api/v1/pipelines?limit=1000"))["items"]!.Count();
        return $"jobs {string.Join(",", jobs)}\ngroups {string.Join(",", groups)}\nopenlineage {openLineage}\npipelines {pipelines}";
    }

    private async Task<List<JToken>> JobsAsync(string pipeline) =>
        (await GetAsync($"/api/v1/jobs?pipeline_uuid={pipeline}"))["items"]!.ToList();

    private async Task<List<JToken>> FilesAsync(string job) => (await GetAsync($"/api/v1/jobs/{job}/files"))["items"]!.ToList();

    private async Task<JToken> GetAsync(string path)
    {
        var (status, body) = await catalog.Client.SendAsync(HttpMethod.Get, path);
        Assert.True(status == System.Net.HttpStatusCode.OK, $"GET {path}: {(int)status} {body}");
        return body;
    }
}
