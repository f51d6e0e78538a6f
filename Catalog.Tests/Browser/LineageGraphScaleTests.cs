using System.Diagnostics;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Catalog.Tests.Browser;

/// <summary>A lineage answer of about 300 nodes drawn in the browser: one measurement, 150 jobs for it, each with a file.</summary>
[Trait("Category", "Database")]
public sealed class LineageGraphScaleTests(BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private const int Jobs = 150;
    private const string Measurement = "measurement.tacc.0x300";

    [Fact]
    public async Task Given_a_measurement_with_150_jobs_and_their_files_when_its_lineage_page_opens_then_all_nodes_are_laid_out_and_the_time_is_reported()
    {
        var scenario = await browser.ScenarioAsync();
        var pipeline = await scenario.PipelineAsync("tacc/fan-out:1", "Fan-out pipeline");
        using var gate = new SemaphoreSlim(6);
        await Task.WhenAll(Enumerable.Range(0, Jobs).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var job = await scenario.JobAsync(pipeline, Measurement);
                await job.SendAsync("run");
                await job.SendAsync("finish");
                job.Write($"out/part-{i:D3}.txt", $"part {i}\n");
                await job.IndexAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
        const string Query = "?direction=downstream&depth=2";
        var expected = await WaitForNodesAsync($"/api/v1/lineage/{Measurement}{Query}", 1 + 2 * Jobs);
        await using var tab = await browser.NewPageAsync(1600, 1000);
        var page = tab.Page;

        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"/lineage/{Measurement}{Query}");
        var graph = page.Locator("#graph[data-ready='true']");
        // A hang guard only: the figure is reported, not asserted.
        await Expect(graph).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        clock.Stop();

        Assert.Equal(expected.ToString(), await graph.GetAttributeAsync("data-nodes"));
        output.WriteLine($"lineage of {expected} nodes: {clock.ElapsedMilliseconds} ms from navigation to the graph laid out and drawn " +
            $"(layout and drawing alone: {await graph.GetAttributeAsync("data-layout-ms")} ms)");
        Assert.Empty(tab.Errors);
    }

    // The lineage projection catches up asynchronously: the answer is read once it has applied everything written.
    private async Task<int> WaitForNodesAsync(string path, int wanted)
    {
        await browser.Catalog.CatchUpAsync();
        var answer = JObject.Parse(await browser.Catalog.Client.GetStringAsync(path));
        var count = ((JArray)answer["nodes"]!).Count;
        Assert.Equal(wanted, count);
        return count;
    }
}
