using System.Diagnostics;
using System.Reflection;

namespace Catalog.Tests.Cli;

/// <summary>
/// Runs the built command line (<c>dotnet catalog.dll ...</c>) as a real process: standard input redirected (so not a
/// terminal), no CATALOG_* settings inherited from the test run, and no profile file unless a test gives one.
/// </summary>
internal static class CatalogCli
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    /// <summary>The catalog.dll the test build made (its path recorded by Catalog.Tests.csproj).</summary>
    public static string Dll { get; } = typeof(CatalogCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CatalogCliDll").Value!;

    /// <summary>The dotnet host running these tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.</summary>
    public static string DotnetHost => System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    public static Task<CliResult> RunAsync(Uri? url, string? key, params string[] args) =>
        RunFileAsync(DotnetHost, [Dll, .. args], Environment(url, key));

    public static Dictionary<string, string?> Environment(Uri? url, string? key) => new()
    {
        ["CATALOG_URL"] = url?.ToString(),
        ["CATALOG_KEY"] = key,
        ["CATALOG_CONFIG"] = Path.Combine(Path.GetTempPath(), $"catalog-cli-no-config-{Guid.NewGuid():N}.json"),
    };

    public static async Task<CliResult> RunFileAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment,
        string? input = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in new[] { "CATALOG_URL", "CATALOG_KEY", "CATALOG_CONFIG", "CATALOG_PROFILE", "COLUMNS" })
        {
            start.Environment.Remove(name);
        }
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{file} {string.Join(' ', start.ArgumentList)}' did not end within {Deadline.TotalSeconds} s");
        }
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
