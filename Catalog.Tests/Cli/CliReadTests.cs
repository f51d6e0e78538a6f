using System.Net;
using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Cli;

/// <summary>The read commands of <c>catalog</c>, run as a process against a live catalog.</summary>
[Trait("Category", "Database")]
public sealed class CliReadTests(LiveCatalogFixture catalog) : IClassFixture<LiveCatalogFixture>
{
    private readonly CliSeed _seed = new(catalog.Client);

    private Task<CliResult> Cli(params string[] args) => CatalogCli.RunAsync(catalog.BaseAddress, null, args);

    [Fact]
    public async Task Jobs_ls_lists_the_seeded_jobs_and_each_filter_narrows_them()
    {
        var (pipeline, pipelineId, _) = await _seed.PipelineAsync("Listing QC");
        var failed = await _seed.JobAsync(pipeline, null, "run", "fail");
        var tagged = await _seed.JobAsync(pipeline, "\"tags\":[\"cli-tag-a\"],\"owner\":\"cli-owner-1\"");
        var plain = await _seed.JobAsync(pipeline);

        var all = await Cli("jobs", "ls", "--pipeline", pipelineId);
        var byState = await Cli("jobs", "ls", "--pipeline", pipeline, "--state", "failed");
        var byTag = await Cli("jobs", "ls", "--tag", "cli-tag-a");
        var byOwner = await Cli("jobs", "ls", "--owner", "cli-owner-1");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.All(new[] { failed, tagged, plain }, job => Assert.Contains(job.Uuid, all.Stdout, StringComparison.Ordinal));
        Assert.Contains("Listing QC", all.Stdout, StringComparison.Ordinal);
        Assert.Contains(plain.Measurement, all.Stdout, StringComparison.Ordinal);
        Assert.Contains(failed.Uuid, byState.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(tagged.Uuid, byState.Stdout, StringComparison.Ordinal);
        Assert.Contains(tagged.Uuid, byTag.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(plain.Uuid, byTag.Stdout, StringComparison.Ordinal);
        Assert.Contains(tagged.Uuid, byOwner.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(failed.Uuid, byOwner.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_ls_shows_one_page_and_says_there_are_more_and_all_follows_the_cursor()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Paging QC");
        var jobs = new[] { await _seed.JobAsync(pipeline), await _seed.JobAsync(pipeline), await _seed.JobAsync(pipeline) };

        var page = await Cli("jobs", "ls", "--pipeline", pipeline, "--limit", "2");
        var every = await Cli("jobs", "ls", "--pipeline", pipeline, "--limit", "2", "--all", "--json");

        Assert.Equal(2, jobs.Count(j => page.Stdout.Contains(j.Uuid, StringComparison.Ordinal)));
        Assert.Contains("--all", page.Stderr, StringComparison.Ordinal);
        var listed = JObject.Parse(every.Stdout);
        Assert.Equal(jobs.Select(j => j.Uuid).Order(), listed["items"]!.Select(i => (string)i["uuid"]!).Order());
        Assert.Equal(JTokenType.Null, listed["next"]!.Type);
    }

    [Fact]
    public async Task Json_output_is_the_apis_answer()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Json QC");
        var job = await _seed.JobAsync(pipeline, null, "run");

        var list = await Cli("jobs", "ls", "--pipeline", pipeline, "--json");
        var show = await Cli("jobs", "show", job.Uuid, "--json");
        var events = await Cli("jobs", "events", job.Uuid, "--json");

        Assert.True(JToken.DeepEquals(await _seed.GetAsync($"/api/v1/jobs?pipeline_uuid={pipeline}"), JObject.Parse(list.Stdout)), list.ToString());
        Assert.True(JToken.DeepEquals(await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}"), JObject.Parse(show.Stdout)), show.ToString());
        var (_, stream) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}/events");
        Assert.True(JToken.DeepEquals(stream, JToken.Parse(events.Stdout)), events.ToString());
    }

    [Fact]
    public async Task Jobs_show_finds_a_job_by_uuid_and_by_its_measurement_identifier()
    {
        var (pipeline, pipelineId, _) = await _seed.PipelineAsync("Show QC");
        var job = await _seed.JobAsync(pipeline, null, "run", "finish");

        var byUuid = await Cli("jobs", "show", job.Uuid);
        var byIdentifier = await Cli("jobs", "show", job.Measurement);
        var events = await Cli("jobs", "events", job.Measurement);

        foreach (var shown in new[] { byUuid, byIdentifier })
        {
            Assert.True(shown.ExitCode == 0, shown.ToString());
            Assert.Contains(job.Uuid, shown.Stdout, StringComparison.Ordinal);
            Assert.Contains("FINISHED", shown.Stdout, StringComparison.Ordinal);
            Assert.Contains($"Show QC ({pipelineId})", shown.Stdout, StringComparison.Ordinal);
            Assert.Contains(job.Measurement, shown.Stdout, StringComparison.Ordinal);
            Assert.Contains("history", shown.Stdout, StringComparison.Ordinal);
            Assert.Contains("finish", shown.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("agent:", events.Stdout, StringComparison.Ordinal);
        Assert.Contains("job:", events.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lineage_draws_the_tree_with_the_labels_people_know_and_format_prints_the_export_as_is()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Lineage QC");
        var job = await _seed.JobAsync(pipeline, null, "run");

        var up = await Cli("lineage", job.Uuid, "--up");
        var fromMeasurement = await Cli("lineage", job.Measurement, "--down", "--depth", "2");
        var mermaid = await Cli("lineage", job.Uuid, "--format", "mermaid");

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains($"Lineage QC", up.Stdout.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains($"child_of → {job.Measurement} (measurement)", up.Stdout, StringComparison.Ordinal);
        Assert.Contains("generated_by → Lineage QC (pipeline)", up.Stdout, StringComparison.Ordinal);
        Assert.Contains("RUNNING", up.Stdout, StringComparison.Ordinal);
        Assert.StartsWith(job.Measurement, fromMeasurement.Stdout, StringComparison.Ordinal);
        Assert.Contains($"← child_of Lineage QC", fromMeasurement.Stdout, StringComparison.Ordinal);
        var (_, _, text) = await GetTextAsync($"/api/v1/lineage/{job.Uuid}?direction=both&format=mermaid");
        Assert.Equal(text.TrimEnd(), mermaid.Stdout.TrimEnd());
    }

    [Fact]
    public async Task Search_finds_a_job_by_its_identifier_and_by_its_tag()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Search QC");
        var tag = $"cli-search-{Guid.NewGuid():N}"[..24];
        var job = await _seed.JobAsync(pipeline, $"\"tags\":[\"{tag}\"]");

        var byIdentifier = await Cli("search", job.Measurement);
        var byTag = await Cli("search", tag, "--type", "job");
        var wrongType = await Cli("search", tag, "--type", "jobs");

        Assert.True(byIdentifier.ExitCode == 0, byIdentifier.ToString());
        Assert.Contains(job.Uuid, byIdentifier.Stdout, StringComparison.Ordinal);
        Assert.Contains(job.Uuid, byTag.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, wrongType.ExitCode);
        Assert.Contains("jobs", wrongType.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_job_is_the_apis_404_detail_with_exit_code_1()
    {
        var unknown = "107" + Guid.NewGuid().ToString("D")[3..];

        var result = await Cli("jobs", "show", unknown);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("404: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(unknown, result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task An_unreachable_catalog_is_one_line_and_exit_code_3()
    {
        var port = Catalog.Tests.Fixtures.Checkout.FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");

        var result = await CatalogCli.RunAsync(url, null, "jobs", "ls");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"cannot reach the catalog at http://127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_line_it_cannot_read_is_a_usage_error_with_exit_code_2()
    {
        var typo = await Cli("jobs", "ls", "--stat", "FAILED");
        var both = await Cli("lineage", "x", "--up", "--down");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("--stat", typo.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--up and --down", both.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_profile_file_is_honoured_and_a_missing_profile_is_named()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Profile QC");
        var job = await _seed.JobAsync(pipeline);
        var file = Path.Combine(Path.GetTempPath(), $"catalog-cli-config-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JObject
        {
            ["default"] = "nowhere",
            ["profiles"] = new JObject
            {
                ["nowhere"] = new JObject { ["url"] = "http://127.0.0.1:9" },
                ["live"] = new JObject { ["url"] = catalog.BaseAddress.ToString(), ["key"] = LiveCatalogFixture.AdminKey },
            },
        }.ToString());
        var environment = new Dictionary<string, string?> { ["CATALOG_CONFIG"] = file };
        try
        {
            var chosen = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost, [CatalogCli.Dll, "--profile", "live", "jobs", "show", job.Uuid], environment);
            var byDefault = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost, [CatalogCli.Dll, "jobs", "show", job.Uuid], environment);
            var missing = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost, [CatalogCli.Dll, "--profile", "prod", "jobs", "ls"], environment);

            Assert.True(chosen.ExitCode == 0, chosen.ToString());
            Assert.Contains(job.Uuid, chosen.Stdout, StringComparison.Ordinal);
            Assert.Equal(3, byDefault.ExitCode);
            Assert.Contains("http://127.0.0.1:9", byDefault.Stderr, StringComparison.Ordinal);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("prod", missing.Stderr, StringComparison.Ordinal);
            Assert.Contains("live", missing.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain(LiveCatalogFixture.AdminKey, chosen.Stdout + chosen.Stderr + missing.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Preview_reads_a_spec_from_standard_input_and_shows_what_the_api_computes()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Preview QC");
        var spec = $$$"""{"pipeline_uuid":"{{{pipeline}}}","measurement_id":"measurement.tacc.0xABC123","data":{"alpha":0.5}}""";
        var (_, expected) = await catalog.Client.PostAsync("/api/v1/jobs/preview", spec);

        var shown = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost, [CatalogCli.Dll, "preview", "-"],
            CatalogCli.Environment(catalog.BaseAddress, null), spec);
        var json = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost, [CatalogCli.Dll, "preview", "--json"],
            CatalogCli.Environment(catalog.BaseAddress, null), spec);
        var malformed = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost, [CatalogCli.Dll, "preview"],
            CatalogCli.Environment(catalog.BaseAddress, null), "{\"pipeline_uuid\":");

        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Contains((string)expected["uuid"]!, shown.Stdout, StringComparison.Ordinal);
        Assert.Contains((string)expected["archive_path"]!, shown.Stdout, StringComparison.Ordinal);
        Assert.True(JToken.DeepEquals(expected, JObject.Parse(json.Stdout)), json.ToString());
        Assert.Equal(2, malformed.ExitCode);
        Assert.Contains("not valid JSON", malformed.Stderr, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode, string?, string)> GetTextAsync(string path)
    {
        using var response = await catalog.Client.GetAsync(path);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }
}
