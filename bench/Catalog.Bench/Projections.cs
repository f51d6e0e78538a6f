using System.Diagnostics;

namespace Catalog.Bench;

/// <summary>Driving the projection daemon through the admin routes: waiting for it to catch up, and timing a rebuild.</summary>
internal static class Projections
{
    public const string JobDocuments = "job_documents_v1";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until every projection has applied the log head; returns the milliseconds it took.</summary>
    public static async Task<double> WaitCaughtUpAsync(CatalogClient client, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var states = await client.ProjectionsAsync(cancellationToken);
            if (states.All(s => s.Status == "faulted" || (s.Status == "running" && s.Position >= s.Head)))
            {
                return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException("projections did not catch up: " + string.Join(", ", states.Select(s => $"{s.Name} {s.Status} {s.Position}/{s.Head}")));
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>Rebuilds one projection from position 0 and waits until it runs again at the head it started from.</summary>
    public static async Task<RebuildResult> RebuildAsync(CatalogClient client, string projection, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var target = await client.RebuildAsync(projection, cancellationToken);
        while (true)
        {
            var state = (await client.ProjectionsAsync(cancellationToken)).SingleOrDefault(s => s.Name == projection)
                ?? throw new InvalidOperationException($"GET /api/v1/admin/projections does not list {projection}");
            if (state.Status == "faulted")
            {
                throw new InvalidOperationException($"{projection} faulted while rebuilding at position {state.Position}");
            }
            if (state.Status == "running" && state.Position >= target)
            {
                return new RebuildResult(projection, target, Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{projection} did not finish rebuilding within {timeout.TotalSeconds} s ({state.Position}/{target})");
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
