using System.Net;
using System.Text.RegularExpressions;
using Catalog.Tests.Http;
using Microsoft.Playwright;
using Newtonsoft.Json.Linq;
using static Microsoft.Playwright.Assertions;

namespace Catalog.Tests.Browser;

/// <summary>The web UI in Chromium over a live catalog seeded through the HTTP API (<see cref="UiScenario"/>).</summary>
[Trait("Category", "Database")]
public sealed class UiPagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions Patiently = new() { Timeout = 20_000 };

    private HttpClient Api => browser.Catalog.Client;

    [Fact]
    public async Task Given_seeded_jobs_when_the_jobs_page_opens_then_it_lists_them_and_a_state_filter_narrows_the_list_and_the_address()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/");
        var rows = page.Locator("table.jobs tbody tr");
        await Expect(page.Locator($"tr[data-uuid='{scenario.Finished.Uuid}'] [data-state='FINISHED']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Expect(page.Locator($"tr[data-uuid='{scenario.Failed.Uuid}'] [data-state='FAILED']")).ToBeVisibleAsync();
        await page.FillAsync("#job-filters input[name=tag]", "ui");
        await page.ClickAsync("#job-filters button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex(@"/jobs\?tag=ui$"));
        await Expect(rows).ToHaveCountAsync(2, Patiently);

        await page.SelectOptionAsync("#job-filters select[name=state]", "FAILED");
        await page.ClickAsync("#job-filters button[type=submit]");

        await Expect(page).ToHaveURLAsync(new Regex(@"/jobs\?state=FAILED&tag=ui$"));
        await Expect(rows).ToHaveCountAsync(1, Patiently);
        await Expect(page.Locator($"tr[data-uuid='{scenario.Failed.Uuid}']")).ToBeVisibleAsync();
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_a_filtered_address_when_opened_then_the_filters_apply_and_show_in_the_form()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync($"/jobs?tag=batch-1&owner=alice&pipeline={scenario.PipelineUuid}");

        var rows = page.Locator("table.jobs tbody tr");
        await Expect(rows).ToHaveCountAsync(1, Patiently);
        await Expect(page.Locator($"tr[data-uuid='{scenario.Finished.Uuid}']")).ToBeVisibleAsync();
        // The row names its pipeline and group as people know them, linking to their pages.
        await Expect(page.Locator($"tr[data-uuid='{scenario.Finished.Uuid}'] a[href='/pipelines/{scenario.PipelineUuid}']"))
            .ToHaveTextAsync(UiScenario.PipelineName);
        await Expect(page.Locator($"tr[data-uuid='{scenario.Finished.Uuid}'] a[href='/groups/{scenario.GroupUuid}']"))
            .ToHaveTextAsync(scenario.GroupName);
        await Expect(page.Locator("#job-filters input[name=tag]")).ToHaveValueAsync("batch-1");
        await Expect(page.Locator("#job-filters select[name=pipeline]")).ToHaveValueAsync(scenario.PipelineUuid);

        await page.GotoAsync($"/jobs?group={scenario.GroupUuid}");
        await Expect(rows).ToHaveCountAsync(3, Patiently);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_the_jobs_page_open_when_a_job_moves_then_its_state_changes_on_the_page_without_a_reload()
    {
        var scenario = await browser.ScenarioAsync();
        var job = await scenario.CreatedJobAsync("measurement.tacc.0x11FE");
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync("/jobs?owner=dave");
        var state = page.Locator($"tr[data-uuid='{job.Uuid}'] .state");
        await Expect(state).ToHaveTextAsync("CREATED", new() { Timeout = 20_000 });

        await job.SendAsync("run");

        await Expect(state).ToHaveTextAsync("RUNNING", new() { Timeout = 20_000 });
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_a_job_by_its_measurement_identifier_when_its_page_opens_then_document_history_files_measurements_and_group_show()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        var (_, events) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{scenario.Finished.Uuid}/events");

        await page.GotoAsync($"/jobs/{UiScenario.FinishedMeasurement}");

        await Expect(page.Locator("#job-uuid")).ToHaveTextAsync(scenario.Finished.Uuid);
        await Expect(page.Locator("#job-title")).ToHaveTextAsync(UiScenario.FinishedMeasurement);
        await Expect(page.Locator("#timeline > li")).ToHaveCountAsync(((JArray)events).Count);
        await Expect(page.Locator("#timeline")).ToContainTextAsync("by job");
        await Expect(page.Locator("#files")).ToContainTextAsync(scenario.FileName);
        await Expect(page.Locator("#measurements")).ToContainTextAsync("od600");
        await Expect(page.Locator("#measurements")).ToContainTextAsync("0.42");
        await Expect(page.Locator($"a[href='/groups/{scenario.GroupUuid}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#job-notes")).ToHaveTextAsync("a finished run");
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_an_unknown_job_when_its_page_opens_then_it_says_not_found_with_the_api_message()
    {
        await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        var (status, problem) = await Api.SendAsync(HttpMethod.Get, "/api/v1/jobs/measurement.tacc.0x404");

        var response = await page.GotoAsync("/jobs/measurement.tacc.0x404");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(200, response!.Status);
        await Expect(page.Locator(".problem h1")).ToHaveTextAsync("Job not found");
        await Expect(page.Locator(".problem-detail")).ToContainTextAsync((string)problem["detail"]!);
    }

    [Fact]
    public async Task Given_a_job_when_its_lineage_page_opens_then_the_graph_draws_exactly_the_nodes_the_api_answers()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        var (_, lineage) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{scenario.Finished.Uuid}?direction=both&depth=3");
        var expected = ((JArray)lineage["nodes"]!).Count;

        await page.GotoAsync($"/lineage/{scenario.Finished.Uuid}");

        var graph = page.Locator("#graph[data-ready='true']");
        await Expect(graph).ToHaveCountAsync(1, Patiently);
        Assert.True(expected >= 4, $"the scenario's lineage has {expected} nodes");
        Assert.Equal(expected.ToString(), await graph.GetAttributeAsync("data-nodes"));
        Assert.Equal(expected, await page.EvaluateAsync<int>("() => window.catalogLineage.cy.nodes().length"));
        Assert.EndsWith("format=prov-json", await page.GetAttributeAsync("#prov-json", "href"));
        Assert.EndsWith("format=prov-o", await page.GetAttributeAsync("#prov-o", "href"));

        await page.SelectOptionAsync("#direction", "upstream");
        await Expect(page).ToHaveURLAsync(new Regex("direction=upstream"));
        var (_, upstream) = await Api.SendAsync(HttpMethod.Get, $"/api/v1/lineage/{scenario.Finished.Uuid}?direction=upstream&depth=3");
        await Expect(page.Locator($"#graph[data-ready='true'][data-nodes='{((JArray)upstream["nodes"]!).Count}']")).ToHaveCountAsync(1, Patiently);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_the_lineage_graph_when_a_node_is_clicked_then_its_details_and_links_show_and_exports_download()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync($"/lineage/{scenario.Finished.Uuid}");
        await Expect(page.Locator("#graph[data-ready='true']")).ToHaveCountAsync(1, Patiently);

        await page.EvaluateAsync($"() => window.catalogLineage.cy.getElementById('{scenario.PipelineUuid}').emit('tap')");

        await Expect(page.Locator("#node-details")).ToContainTextAsync(scenario.PipelineUuid);
        Assert.Equal($"/pipelines/{scenario.PipelineUuid}", await page.GetAttributeAsync("#open-node", "href"));
        var png = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-png"));
        var svg = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#export-svg"));
        Assert.EndsWith(".png", png.SuggestedFilename);
        Assert.EndsWith(".svg", svg.SuggestedFilename);
        var pngBytes = await File.ReadAllBytesAsync((await png.PathAsync())!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], pngBytes[..4]);
        Assert.Contains("<svg", await File.ReadAllTextAsync((await svg.PathAsync())!));
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_pipelines_groups_and_search_when_their_pages_open_then_each_shows_the_seeded_data()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;

        await page.GotoAsync("/pipelines");
        await Expect(page.Locator($"#pipelines tr[data-uuid='{scenario.PipelineUuid}']")).ToContainTextAsync(UiScenario.PipelineName);
        await page.GotoAsync("/pipelines/tacc%2Fui-demo%3A1");
        await Expect(page.Locator("#pipeline-name")).ToHaveTextAsync(UiScenario.PipelineName);
        await Expect(page.Locator("#pipeline-jobs tbody tr")).ToHaveCountAsync(3, Patiently);

        await page.GotoAsync("/groups");
        await Expect(page.Locator($"#groups tr[data-uuid='{scenario.GroupUuid}']")).ToContainTextAsync(scenario.GroupName);
        await page.GotoAsync($"/groups/{scenario.GroupUuid}");
        await Expect(page.Locator("#members tbody tr")).ToHaveCountAsync(3, Patiently);

        await page.GotoAsync("/search?q=result.txt");
        await Expect(page.Locator("#search-results tr[data-type='file']")).Not.ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await page.GotoAsync($"/search?q={UiScenario.FinishedMeasurement}");
        await Expect(page.Locator($"#search-results tr[data-uuid='{scenario.Finished.Uuid}']")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_an_admin_key_when_hide_is_cancelled_then_the_job_stays_and_when_confirmed_it_is_hidden_and_restored()
    {
        var scenario = await browser.ScenarioAsync();
        var job = await scenario.CreatedJobAsync("measurement.tacc.0xAD0175");
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync($"/jobs/{job.Uuid}");
        await page.FillAsync("#admin-key-input", LiveCatalogFixture.AdminKey);
        await page.ClickAsync("#admin-key-form button");

        await page.ClickAsync("#admin-actions button[data-action='hide']");
        await Expect(page.Locator("#confirm-dialog")).ToContainTextAsync(job.Uuid);
        await Expect(page.Locator("#confirm-dialog")).ToContainTextAsync("measurement.tacc.0xAD0175");
        await page.ClickAsync("#confirm-cancel");
        await Expect(page.Locator("#confirm-dialog")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}")).Status);

        await page.ClickAsync("#admin-actions button[data-action='hide']");
        await page.FillAsync("#confirm-reason", "browser test");
        await page.ClickAsync("#confirm-ok");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("done");
        await Expect(page.Locator("#job-hidden")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}")).Status);

        await page.ClickAsync("#admin-actions button[data-action='undelete']");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#job-hidden")).ToHaveCountAsync(0, Patiently);
        Assert.Equal(HttpStatusCode.OK, (await Api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}")).Status);

        await page.ClickAsync("#admin-actions button[data-action='reset']");
        await page.ClickAsync("#confirm-ok");
        await Expect(page.Locator("#action-result")).ToContainTextAsync("now RESET");
        Assert.Equal("RESET", (string?)(await Api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}")).Body["state"]);
        Assert.Empty(tab.Errors);
    }

    [Fact]
    public async Task Given_a_wrong_admin_key_when_an_action_is_confirmed_then_the_api_refusal_shows_and_nothing_changes()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        await page.GotoAsync($"/jobs/{scenario.Failed.Uuid}");
        await page.FillAsync("#admin-key-input", "not-the-admin-key");
        await page.ClickAsync("#admin-key-form button");

        await page.ClickAsync("#admin-actions button[data-action='rerun']");
        await page.ClickAsync("#confirm-ok");

        await Expect(page.Locator("#action-result")).ToContainTextAsync("refused: 401");
        Assert.Equal("FAILED", (string?)(await Api.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{scenario.Failed.Uuid}")).Body["state"]);
    }

    [Fact]
    public async Task Given_agent_text_holding_script_payloads_when_every_page_shows_it_then_nothing_runs_and_the_text_is_shown_literally()
    {
        var scenario = await browser.ScenarioAsync();
        await using var tab = await browser.NewPageAsync();
        var page = tab.Page;
        var pages = new[]
        {
            ("/jobs?tag=hostile", "table.jobs"),
            ($"/jobs/{scenario.Hostile.Uuid}", "#timeline"),
            ($"/pipelines/{scenario.HostilePipelineUuid}", "#pipeline-name"),
            ("/pipelines", "#pipelines"),
            ("/groups", "#groups"),
            ($"/groups/{scenario.HostileGroupUuid}", "#members"),
            ("/search?q=hostile", "#search-results"),
            ($"/lineage/{scenario.Hostile.Uuid}", "#graph[data-ready='true']"),
        };

        foreach (var (address, drawn) in pages)
        {
            await page.GotoAsync(address);
            await Expect(page.Locator(drawn)).ToHaveCountAsync(1, Patiently);
            Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
            Assert.NotEqual("pwned", await page.TitleAsync());
            Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        }

        await page.GotoAsync($"/jobs/{scenario.Hostile.Uuid}");
        await Expect(page.Locator("#job-notes")).ToHaveTextAsync($"{UiScenario.ImagePayload} {UiScenario.ScriptPayload}");
        await Expect(page.Locator("main")).ToContainTextAsync(UiScenario.ScriptPayload);
        await page.GotoAsync($"/pipelines/{scenario.HostilePipelineUuid}");
        await Expect(page.Locator("#pipeline-name")).ToHaveTextAsync($"{UiScenario.ImagePayload} pipeline");
        // No element that could run a handler later was made (rather than waiting a while for one to fire).
        Assert.Equal(0, await page.Locator("main img, main script").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Empty(tab.Errors);
    }
}
