using System.Diagnostics;
using System.Text.RegularExpressions;
using Catalog.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Catalog.Tests.Http;

/// <summary>
/// The README's walk-through, run as written: its shell blocks, in order, in one bash session beside a catalog
/// listening on a real port, with the keys file <c>./build/run</c> writes. Any call answering an error stops it.
/// </summary>
[Trait("Category", "Database")]
public sealed partial class ReadmeWalkthroughTests : IAsyncLifetime
{
    private const string Heading = "### Walk-through";
    private const string AdminKey = "readme-admin-key";
    private const string AgentKey = "readme-agent-key";

    private readonly string _workDirectory = Directory.CreateTempSubdirectory("catalog-readme-").FullName;
    private WebApplicationFactory<Program>? _factory;
    private string _connectionString = "";
    private int _port;

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateFreshDatabaseAsync("readme");
        _port = Checkout.FreePort();
        _factory = new CatalogAppFactory(new Dictionary<string, string?>
        {
            ["CATALOG_DB"] = _connectionString,
            ["CATALOG_ADMIN_KEYS"] = AdminKey,
            ["CATALOG_AGENT_KEYS"] = AgentKey,
            ["CATALOG_STORAGE_ROOT"] = Path.Combine(_workDirectory, "storage"),
        });
        _factory.UseKestrel(_port);
        _factory.StartServer();
        Directory.CreateDirectory(Path.Combine(_workDirectory, ".catalog"));
        await File.WriteAllTextAsync(Path.Combine(_workDirectory, ".catalog", "dev-keys.env"),
            $"CATALOG_ADMIN_KEYS={AdminKey}\nCATALOG_AGENT_KEYS={AgentKey}\n");
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await PostgresDatabase.DropDatabaseAsync(_connectionString);
        Directory.Delete(_workDirectory, recursive: true);
    }

    [Fact]
    public async Task Given_a_started_catalog_when_the_readme_walkthrough_runs_as_written_then_every_call_succeeds_and_the_job_finishes()
    {
        var blocks = WalkthroughBlocks(await File.ReadAllTextAsync(Path.Combine(Checkout.Root(), "README.md")));
        Assert.True(blocks.Count >= 2, $"the README has no walk-through blocks under '{Heading}'");

        // curl answers an error status with a failure (and its body), so a call that goes wrong stops the script.
        var script = "set -euo pipefail\ncurl() { command curl --silent --show-error --fail-with-body \"$@\"; }\n"
            + string.Join("\n", blocks);
        var (exitCode, output, errors) = await RunBashAsync(script);

        Assert.True(exitCode == 0, $"the walk-through failed (exit {exitCode}):\n{output}\n{errors}");
        var uuid = Assert.Single(JobLine().Matches(output)).Groups[1].Value;
        Assert.Matches("\"state\": \"FINISHED\"", output);
        var document = await new HttpClient().GetStringAsync($"http://127.0.0.1:{_port}/api/v1/jobs/{uuid}");
        Assert.Contains("\"state\":\"FINISHED\"", document, StringComparison.Ordinal);
    }

    private static List<string> WalkthroughBlocks(string readme)
    {
        var start = readme.IndexOf(Heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no '{Heading}' section");
        var next = readme.IndexOf("\n#", start + Heading.Length, StringComparison.Ordinal);
        var section = next < 0 ? readme[start..] : readme[start..next];
        return ShellBlock().Matches(section).Select(m => m.Groups[1].Value).ToList();
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunBashAsync(string script)
    {
        var info = new ProcessStartInfo("bash", ["-c", script])
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["CATALOG_PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment.Remove("CATALOG_ADMIN_KEYS");
        info.Environment.Remove("CATALOG_AGENT_KEYS");
        using var bash = Process.Start(info)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        await ChildProcess.WaitOrKillAsync(bash, TimeSpan.FromMinutes(2));
        return (bash.ExitCode, await output, await errors);
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    [GeneratedRegex(@"^job ([0-9a-f-]{36})$", RegexOptions.Multiline)]
    private static partial Regex JobLine();
}
