using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>
/// After a part that ran under <see cref="AgentLoad"/>: every acknowledged event is stored exactly once, the
/// projections reached the log head, and the job documents agree with the streams.
/// </summary>
internal static class LoadVerdict
{
    public static async Task CheckAsync(ChaosContext context, AgentLoad load, PartOutcome part, CancellationToken cancellationToken)
    {
        await load.StopAsync();
        var (caughtUp, projections) = await context.Store.WaitForProjectionsAsync(TimeSpan.FromSeconds(90), cancellationToken);
        part.Check(caughtUp, $"the projections did not catch up with the log: {projections}");

        var prefix = load.Tag + "-";
        var counts = await context.Store.MarkerCountsAsync(prefix, cancellationToken);
        var (lost, extra) = StoreCheck.ExactlyOnce(load.AcknowledgedMarkers, counts);
        context.Results.Acknowledged += load.Acknowledged;
        context.Results.Lost += lost;
        context.Results.ExtraStored += extra;
        part.Check(load.Acknowledged > 0, "no event was acknowledged at all");
        part.Check(lost == 0, $"{lost} acknowledged events are not stored");
        part.Check(extra == 0, $"{extra} events are stored more than once");

        var versions = await context.Store.VersionMismatchesAsync(load.Jobs.ToArray(), cancellationToken);
        var history = await HistoryMismatchesAsync(context, load.Jobs, prefix, counts, cancellationToken);
        context.Results.ProjectionMismatches += versions + history;
        part.Check(versions == 0, $"{versions} job documents do not have their stream's version");
        part.Check(history == 0, $"{history} events are missing from (or repeated in) their job's history as GET shows it");
        part.Check(load.Rejections == 0,
            $"{load.Rejections} valid requests were refused, e.g. {string.Join(" | ", load.RejectionExamples.Take(3))}");
    }

    // Markers whose number of entries in the jobs' histories (GET /api/v1/jobs/{uuid}) differs from their stored rows.
    private static async Task<long> HistoryMismatchesAsync(ChaosContext context, IEnumerable<string> jobs, string prefix,
        IReadOnlyDictionary<string, long> stored, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var unreadable = 0L;
        foreach (var job in jobs)
        {
            var reply = await context.Client.GetAsync("verdict", $"/api/v1/jobs/{job}", cancellationToken);
            if (!reply.Ok || JsonNode.Parse(reply.Body)?["history"] is not JsonArray history)
            {
                unreadable++;
                continue;
            }
            foreach (var marker in history.Select(entry => entry?["data"]?["chaos"]?.GetValue<string>())
                .Where(m => m is not null && m.StartsWith(prefix, StringComparison.Ordinal)))
            {
                seen[marker!] = seen.GetValueOrDefault(marker!) + 1;
            }
        }
        return unreadable + stored.Keys.Union(seen.Keys).LongCount(marker => stored.GetValueOrDefault(marker) != seen.GetValueOrDefault(marker));
    }
}
