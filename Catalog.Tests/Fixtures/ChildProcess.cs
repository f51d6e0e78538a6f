using System.Diagnostics;

namespace Catalog.Tests.Fixtures;

/// <summary>Processes the tests start (scripts, shells): waited for within a limit, never left running.</summary>
public static class ChildProcess
{
    /// <summary>Waits for the process to end; past the limit it is killed with its children and the wait fails.</summary>
    public static async Task WaitOrKillAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }
}
