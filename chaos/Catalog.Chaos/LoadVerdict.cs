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

        var (versions, history) = await context.Store.DocumentsMatchAsync(load.Jobs.ToArray(), prefix, cancellationToken);
        context.Results.ProjectionMismatches += versions + history;
        part.Check(versions == 0, $"{versions} job documents do not have their stream's version");
        part.Check(history == 0, $"{history} events are missing from (or repeated in) their job document's history");
        part.Check(load.Rejections == 0,
            $"{load.Rejections} valid requests were refused, e.g. {string.Join(" | ", load.RejectionExamples.Take(3))}");
    }
}
