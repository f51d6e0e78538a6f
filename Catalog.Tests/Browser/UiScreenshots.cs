using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Catalog.Tests.Browser;

/// <summary>
/// PNGs of each page over the seeded scenario, for docs/screenshots (./build/screenshots sets
/// CATALOG_SCREENSHOTS_DIR; otherwise they go to a temporary folder). Left out of ./build/test's own run.
/// </summary>
[Trait("Category", "Database")]
[Trait("Category", "Screenshots")]
public sealed class UiScreenshots(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveCountOptions Patiently = new() { Timeout = 30_000 };

    [Fact]
    public async Task Given_the_seeded_scenario_when_each_page_is_photographed_then_a_png_of_each_is_written()
    {
        var scenario = await browser.ScenarioAsync();
        var folder = Environment.GetEnvironmentVariable("CATALOG_SCREENSHOTS_DIR") is { Length: > 0 } dir
            ? dir : Path.Combine(Path.GetTempPath(), $"catalog-screenshots-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await using var tab = await browser.NewPageAsync(1400, 900);
        var page = tab.Page;
        var shots = new[]
        {
            ("jobs", "/jobs", "table.jobs tbody tr"),
            ("job", $"/jobs/{scenario.Finished.Uuid}", "#files"),
            ("lineage", $"/lineage/{scenario.Finished.Uuid}", "#graph[data-ready='true']"),
            ("pipelines", "/pipelines", "#pipelines"),
            ("groups", $"/groups/{scenario.GroupUuid}", "#members"),
            ("search", "/search?q=tacc", "#search-results"),
        };
        var written = new List<string>();
        foreach (var (name, address, drawn) in shots)
        {
            await page.GotoAsync(address);
            await Expect(page.Locator(drawn).First).ToHaveCountAsync(1, Patiently);
            written.Add(await ShootAsync(page, folder, name));
        }
        await page.GotoAsync($"/jobs/{scenario.Failed.Uuid}");
        await page.FillAsync("#admin-key-input", Http.LiveCatalogFixture.AdminKey);
        await page.ClickAsync("#admin-key-form button");
        await page.ClickAsync("#admin-actions button[data-action='rerun']");
        await Expect(page.Locator("#confirm-dialog")).ToHaveCountAsync(1, Patiently);
        written.Add(await ShootAsync(page, folder, "admin-confirmation"));

        foreach (var file in written)
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.True(bytes.Length > 1000, $"{file} is {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        Assert.Empty(tab.Errors);
    }

    private static async Task<string> ShootAsync(IPage page, string folder, string name)
    {
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = false });
        return path;
    }
}
