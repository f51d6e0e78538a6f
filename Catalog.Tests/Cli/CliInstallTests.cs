using System.Diagnostics;
using Catalog.Tests.Fixtures;
using Catalog.Tests.Http;

namespace Catalog.Tests.Cli;

/// <summary>The two ways people get the command line: ./build/catalog in the checkout, and a dotnet tool installed from a packed folder.</summary>
[Trait("Category", "Database")]
public sealed class CliInstallTests(LiveCatalogFixture catalog) : IClassFixture<LiveCatalogFixture>
{
    [Fact]
    public async Task Build_catalog_runs_the_command_line_against_the_catalog_it_is_given()
    {
        var (pipeline, _, _) = await new CliSeed(catalog.Client).PipelineAsync("Script QC");

        var result = await CatalogCli.RunFileAsync(Path.Combine(Checkout.Root(), "build", "catalog"), ["pipelines", "show", pipeline],
            CatalogCli.Environment(catalog.BaseAddress, null));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Script QC", result.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Packs, installs from the packed folder alone (a NuGet configuration with no other source), runs it: about 30-60 s here.</summary>
    [Fact]
    public async Task The_packed_tool_installs_offline_with_tool_path_and_runs()
    {
        var work = Directory.CreateTempSubdirectory("catalog-cli-pack-").FullName;
        try
        {
            var packages = Path.Combine(work, "packages");
            var tools = Path.Combine(work, "tools");
            var config = Path.Combine(work, "nuget.config");
            await File.WriteAllTextAsync(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="packed" value="{packages}" />
                  </packageSources>
                </configuration>
                """);
            var clock = Stopwatch.StartNew();
            var environment = new Dictionary<string, string?> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

            var pack = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost,
                ["pack", Path.Combine(Checkout.Root(), "tools", "Catalog.Cli", "Catalog.Cli.csproj"), "-c", "Release", "-o", packages, "-nologo"], environment);
            Assert.True(pack.ExitCode == 0, pack.ToString());
            var install = await CatalogCli.RunFileAsync(CatalogCli.DotnetHost,
                ["tool", "install", "--tool-path", tools, "--add-source", packages, "--configfile", config, "Catalog.Cli"], environment);
            Assert.True(install.ExitCode == 0, install.ToString());

            var installed = Path.Combine(tools, "catalog");
            var run = new Dictionary<string, string?>(CatalogCli.Environment(catalog.BaseAddress, null))
            {
                ["DOTNET_ROOT"] = Path.GetDirectoryName(Path.GetFullPath(ResolvedHost())),
            };
            var help = await CatalogCli.RunFileAsync(installed, ["--help"], run);
            var list = await CatalogCli.RunFileAsync(installed, ["pipelines", "--json"], run);

            Assert.True(help.ExitCode == 0, help.ToString());
            Assert.Contains("jobs", help.Stdout, StringComparison.Ordinal);
            Assert.Contains("lineage", help.Stdout, StringComparison.Ordinal);
            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.StartsWith("{\"items\":", list.Stdout, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(5), $"pack and install took {clock.Elapsed}");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The dotnet host's real path (the runtime's folder is beside it), following a link such as /usr/bin/dotnet.</summary>
    private static string ResolvedHost()
    {
        var host = CatalogCli.DotnetHost;
        if (!Path.IsPathRooted(host))
        {
            host = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
                .Select(folder => Path.Combine(folder, host)).FirstOrDefault(File.Exists) ?? host;
        }
        return new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
    }
}
