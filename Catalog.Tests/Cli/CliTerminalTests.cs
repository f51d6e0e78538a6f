using Catalog.Tests.Http;

namespace Catalog.Tests.Cli;

/// <summary>
/// The command line at a terminal (a pseudo-terminal from util-linux's <c>script</c>): an admin action asks, and does
/// only what the person confirms.
/// </summary>
[Trait("Category", "Database")]
public sealed class CliTerminalTests(LiveCatalogFixture catalog) : IClassFixture<LiveCatalogFixture>
{
    private readonly CliSeed _seed = new(catalog.Client);

    [Theory]
    [InlineData("n\n", "FAILED")]
    [InlineData("y\n", "RESET")]
    public async Task At_a_terminal_reset_asks_naming_the_job_and_does_only_what_is_confirmed(string answer, string stateAfter)
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Terminal QC");
        var job = await _seed.JobAsync(pipeline, null, "run", "fail");
        var command = $"'{CatalogCli.DotnetHost}' '{CatalogCli.Dll}' reset {job.Uuid}";

        var result = await CatalogCli.RunFileAsync("script", ["-qec", command, "/dev/null"],
            CatalogCli.Environment(catalog.BaseAddress, LiveCatalogFixture.AdminKey), answer);

        Assert.Contains($"Reset job {job.Uuid}", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Proceed? [y/N]", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(stateAfter, (string?)(await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}"))["state"]);
        Assert.Equal(stateAfter == "RESET" ? 0 : 2, result.ExitCode);
    }

    [Fact]
    public async Task At_a_terminal_bulk_rerun_draws_a_live_progress_bar_and_finishes()
    {
        var (pipeline, _, _) = await _seed.PipelineAsync("Terminal bulk QC");
        var job = await _seed.JobAsync(pipeline, null, "run", "fail");
        var command = $"'{CatalogCli.DotnetHost}' '{CatalogCli.Dll}' rerun --state FAILED --pipeline {pipeline} --yes";

        var result = await CatalogCli.RunFileAsync("script", ["-qec", command, "/dev/null"],
            CatalogCli.Environment(catalog.BaseAddress, LiveCatalogFixture.AdminKey));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("━", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rerun finished: 1 rerun, 0 skipped", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("CREATED", (string?)(await _seed.GetAsync($"/api/v1/jobs/{job.Uuid}"))["state"]);
    }
}
