using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>
/// Part 4: many agents post valid events to one job at the same moment. All must be recorded, the stream's versions
/// must run 1..n without a gap, and the job's history (as GET /api/v1/jobs/{uuid} shows it) must hold every one.
/// </summary>
internal static class ContentionPart
{
    private const int MaxAttempts = 5;

    public static async Task RunAsync(ChaosContext context, CancellationToken cancellationToken)
    {
        var part = context.Results.Part("contention");
        var options = context.Options;
        var prefix = $"{context.Run}-cont-";
        var (uuid, token) = await JobSetup.RunningJobAsync(context, "contention", $"{context.Run}-contjob", cancellationToken);
        var expected = (long)options.ContentionAgents * options.ContentionEvents;
        var acknowledged = new ConcurrentQueue<string>();
        var refused = new ConcurrentQueue<string>();
        long retries = 0;
        using var gate = new SemaphoreSlim(0);
        var agents = Enumerable.Range(0, options.ContentionAgents).Select(agent => Task.Run(async () =>
        {
            // All agents wait at the gate, so their first events really arrive together.
            await gate.WaitAsync(cancellationToken);
            for (var seq = 0; seq < options.ContentionEvents; seq++)
            {
                var marker = string.Create(CultureInfo.InvariantCulture, $"{prefix}a{agent}-e{seq}");
                var body = ChaosClient.EventBody("update", marker);
                // As a real agent would, send again what went unanswered (same event_id); a 4xx is final.
                for (var attempt = 1; ; attempt++)
                {
                    var reply = await context.Client.PostEventAsync("contention", uuid, token, body, cancellationToken);
                    if (reply.Ok)
                    {
                        acknowledged.Enqueue(marker);
                        break;
                    }
                    if (reply.Status is > 0 and < 500 || attempt == MaxAttempts)
                    {
                        refused.Enqueue($"{marker} answered {reply.Status} (attempt {attempt}): {(reply.Body.Length > 200 ? reply.Body[..200] : reply.Body)}");
                        break;
                    }
                    Interlocked.Increment(ref retries);
                    await Task.Delay(200, cancellationToken);
                }
            }
        }, cancellationToken)).ToArray();
        gate.Release(options.ContentionAgents);
        await Task.WhenAll(agents);

        var counts = await context.Store.MarkerCountsAsync(prefix, cancellationToken);
        var recorded = acknowledged.Count(marker => counts.GetValueOrDefault(marker) == 1);
        context.Results.ContentionAgents = options.ContentionAgents;
        context.Results.ContentionEvents = expected;
        context.Results.ContentionLost = expected - recorded;
        context.Results.ContentionRetries = retries;
        part.Check(refused.IsEmpty, $"{refused.Count} events were refused, e.g. {string.Join(" | ", refused.Take(3))}");
        part.Check(recorded == expected, $"{expected - recorded} of {expected} events are not recorded exactly once");

        var (versions, streamVersion) = await context.Store.StreamVersionsAsync(uuid, cancellationToken);
        var gaps = versions.Select((version, index) => version != index + 1).LongCount(wrong => wrong);
        context.Results.ContentionVersionGaps = gaps;
        part.Check(gaps == 0 && streamVersion == versions.Length,
            $"the stream's versions are not 1..{versions.Length} ({gaps} out of place; the stream row says {streamVersion})");

        var (caughtUp, projections) = await context.Store.WaitForProjectionsAsync(TimeSpan.FromSeconds(60), cancellationToken);
        part.Check(caughtUp, $"the projections did not catch up: {projections}");
        var job = await context.Client.GetAsync("contention", $"/api/v1/jobs/{uuid}", cancellationToken);
        var history = job.Ok ? JsonNode.Parse(job.Body)?["history"]?.AsArray() : null;
        var inHistory = history?.Count(entry => entry?["data"]?["chaos"]?.GetValue<string>() is { } m && m.StartsWith(prefix, StringComparison.Ordinal)) ?? -1;
        part.Check(inHistory == recorded, $"the job's history holds {inHistory} of the {recorded} recorded events (GET answered {job.Status})");
        part.Check(history is null || history.Count == versions.Length,
            $"the job's history has {history?.Count} entries for {versions.Length} stored events");
    }
}
