namespace Catalog.Tests.PythonClient;

/// <summary>The client's own unittest suite (no catalog: Retry-After, retry rules, event_id reuse), run with Debian's python3.</summary>
public sealed class PythonClientSuiteTests
{
    [Fact]
    public async Task The_client_unittest_suite_passes()
    {
        var run = await Python.RunAsync(Python.System, ["-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."],
            Python.ClientFolder, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, $"the client's unittest suite failed:\n{run.Describe()}");
        var ran = System.Text.RegularExpressions.Regex.Match(run.Errors, @"Ran (\d+) tests?");
        Assert.True(ran.Success && int.Parse(ran.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 10,
            $"the suite ran fewer tests than it holds:\n{run.Describe()}");
        Assert.Contains("\nOK", run.Errors, StringComparison.Ordinal);
    }
}
