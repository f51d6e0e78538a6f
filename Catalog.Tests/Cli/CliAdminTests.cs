using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Cli;

/// <summary>The admin commands of <c>catalog</c>: confirmed or refused, and what they did checked through the API.</summary>
[Trait("Category", "Database")]
public sealed class CliAdminTests(LiveCatalogFixture catalog) : IClassFixture<LiveCatalogFixture>
{
    private readonly CliSeed _seed = new(catalog.Client);

    private Task<CliResult> Admin(params string[] args) => CatalogCli.RunAsync(catalog.BaseAddress, LiveCatalogFixture.AdminKey, args);

    [Fact]
    public async Task Reset_without_yes_and_without_a_terminal_refuses_naming_the_job_and_changes_nothing()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Refusal QC");
        var job = await _seed.JobAsync(pipeline, null, "run", "fail");
        var before = await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}");

        var result = await Admin("reset", job.Uuid);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--yes", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(job.Uuid, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Refusal QC", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("FAILED", result.Stderr, StringComparison.Ordinal);
        var after = await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}");
        Assert.Equal("FAILED", (string?)after["state"]);
        Assert.Equal((long)before["version"]!, (long)after["version"]!);
    }

    [Fact]
    public async Task Reset_with_yes_resets_the_job_found_by_its_identifier_and_ready_makes_it_runnable()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Reset QC");
        var job = await _seed.JobAsync(pipeline, null, "run", "fail");

        var reset = await Admin("reset", job.Measurement, "--yes", "--reason", "bad input fixed");
        var afterReset = await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}");
        var ready = await Admin("ready", job.Uuid, "--yes");
        var afterReady = await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}");

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("RESET", reset.Stdout, StringComparison.Ordinal);
        Assert.Equal("RESET", (string?)afterReset["state"]);
        Assert.True(ready.ExitCode == 0, ready.ToString());
        Assert.Equal("CREATED", (string?)afterReady["state"]);
        var audit = await _seed.GetAsync($"/api/v1/admin/audit?job_uuid={job.Uuid}");
        Assert.Contains(audit["items"]!, record => record.ToString().Contains("bad input fixed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerun_of_one_job_resets_and_readies_it_in_one_step()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Rerun one QC");
        var job = await _seed.JobAsync(pipeline, null, "run", "fail");

        var result = await Admin("rerun", job.Uuid, "--yes", "--reason", "one more time");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("state CREATED", result.Stdout, StringComparison.Ordinal);
        var after = await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}");
        Assert.Equal("CREATED", (string?)after["state"]);
        Assert.Contains(after["history"]!, entry => (string?)entry["name"] == "reset");
    }

    [Fact]
    public async Task Delete_hides_undelete_restores_and_token_prints_a_new_token_that_replaces_the_old()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Token QC");
        var job = await _seed.JobAsync(pipeline);

        var delete = await Admin("delete", job.Uuid, "--yes");
        var (hidden, _) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}");
        var undelete = await Admin("undelete", job.Uuid, "--yes");
        var (shown, _) = await catalog.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}");
        var token = await Admin("token", job.Uuid, "--yes");
        var fresh = token.Stdout.Trim();
        var (old, _) = await catalog.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events", """{"name":"run"}""",
            headers: new Dictionary<string, string> { ["X-Catalog-Token"] = job.Token });
        var (renewed, _) = await catalog.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events", """{"name":"run"}""",
            headers: new Dictionary<string, string> { ["X-Catalog-Token"] = fresh });

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden);
        Assert.True(undelete.ExitCode == 0, undelete.ToString());
        Assert.Equal(System.Net.HttpStatusCode.OK, shown);
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.NotEqual(job.Token, fresh);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, old);
        Assert.Equal(System.Net.HttpStatusCode.OK, renewed);
    }

    [Fact]
    public async Task Bulk_rerun_shows_its_progress_and_finishes_with_every_failed_job_of_the_pipeline_rerun()
    {
        var (pipeline, pipelineId, _) = await _seed.PipelineAsync("Bulk QC");
        var failed = new List<CliSeed.Job>();
        for (var i = 0; i < 4; i++)
        {
            failed.Add(await _seed.JobAsync(pipeline, null, "run", "fail"));
        }
        var (other, _, _) = await _seed.PipelineAsync("Bulk other");
        var untouched = await _seed.JobAsync(other, null, "run", "fail");

        var result = await Admin("rerun", "--state", "FAILED", "--pipeline", pipelineId, "--yes", "--reason", "cli bulk");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"rerun [0-9a-f-]{36}: +\d+% \d+ done, \d+ skipped of 4", result.Stdout);
        Assert.Contains("rerun finished: 4 rerun, 0 skipped", result.Stdout, StringComparison.Ordinal);
        foreach (var job in failed)
        {
            Assert.Equal("CREATED", (string?)(await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}"))["state"]);
        }
        Assert.Equal("FAILED", (string?)(await _seed.GetAsync($"/api/v1/jobs/{untouched.Uuid}"))["state"]);
    }

    [Fact]
    public async Task Rebuild_follows_the_projection_until_it_is_swapped_in()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Rebuild QC");
        await _seed.JobAsync(pipeline, null, "run", "finish");
        var projections = await _seed.GetAsync("/api/v1/admin/projections");
        var name = (string)projections["items"]![0]!["name"]!;

        var result = await Admin("rebuild", name, "--yes", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = JObject.Parse(result.Stdout[result.Stdout.LastIndexOf("\n{", StringComparison.Ordinal)..]);
        Assert.Equal(name, (string?)status["name"]);
        Assert.Equal("running", (string?)status["status"]);
        var now = (await _seed.GetAsync("/api/v1/admin/projections"))["items"]!.Single(p => (string?)p["name"] == name);
        Assert.Equal("running", (string?)now["status"]);
        var audit = await _seed.GetAsync("/api/v1/admin/audit");
        Assert.Contains(audit["items"]!, record => (string?)record["action"] == "rebuild");
    }

    [Fact]
    public async Task An_unknown_projection_is_refused_naming_the_known_ones()
    {
        var result = await Admin("rebuild", "job_documentz", "--yes");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("job_documentz", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("job_documents", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_key_is_the_401_message_and_exit_code_1_and_the_key_is_never_printed()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Key QC");
        var job = await _seed.JobAsync(pipeline);
        const string wrong = "not-the-admin-key-0123456789";

        var result = await CatalogCli.RunAsync(catalog.BaseAddress, wrong, "reset", job.Uuid, "--yes");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("401: ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Equal("CREATED", (string?)(await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}"))["state"]);
    }
}
