using System.Diagnostics;

namespace Catalog.Tests.EventStore;

/// <summary>Waits for a condition on shared state (a lock wait, a status) with a deadline, instead of sleeping blind.</summary>
public static class Eventually
{
    public static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!await condition())
        {
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for {what}.");
            }
            await Task.Delay(10);
        }
    }
}
