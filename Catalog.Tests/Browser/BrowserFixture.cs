using Catalog.Tests.Http;
using Microsoft.Playwright;

namespace Catalog.Tests.Browser;

/// <summary>
/// A live catalog (<see cref="LiveCatalogFixture"/>) and Debian's Chromium driven by Playwright (no browser download:
/// <c>/usr/bin/chromium</c>, which ./build/test installs). Pages record the script errors they raise, so a test can
/// assert that a view drew without one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly Lazy<Task<UiScenario>> _scenario;

    private IPlaywright? _playwright;

    public BrowserFixture() => _scenario = new(() => UiScenario.SeedAsync(Catalog));

    public LiveCatalogFixture Catalog { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The data every page test looks at, seeded once through the HTTP API.</summary>
    public Task<UiScenario> ScenarioAsync() => _scenario.Value;

    public async Task InitializeAsync()
    {
        await Catalog.InitializeAsync();
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./build/test installs Debian's chromium (apt-get install -y chromium).");
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // As root without a sandbox; no background connections (this machine's network is closed).
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<BrowserPage> NewPageAsync(int width = 1400, int height = 900)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = Catalog.BaseAddress.ToString(),
            AcceptDownloads = true,
            ViewportSize = new() { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return new BrowserPage(context, page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await Catalog.DisposeAsync();
    }
}

/// <summary>A page in its own browser context, with the script errors it raised.</summary>
public sealed class BrowserPage(IBrowserContext context, IPage page, List<string> errors) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    /// <summary>Script errors and console errors, except the browser's own lines about answers with an error status
    /// (a page that shows a 404 asked for it).</summary>
    public IReadOnlyList<string> Errors => errors.Where(e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal)).ToList();

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
