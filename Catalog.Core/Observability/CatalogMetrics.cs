using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Catalog.Core.Observability;

/// <summary>
/// The catalog's own instruments (meter <see cref="MeterName"/>): what the store committed and in what batches, and
/// how far each projection of this node is behind the log. The API exports them with the framework's and Npgsql's.
/// </summary>
public static class CatalogMetrics
{
    public const string MeterName = "Catalog";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> EventsAppended = Meter.CreateCounter<long>(
        "catalog.events.appended", "{event}", "Events committed to the log, by event type");

    private static readonly Histogram<int> CommitSize = Meter.CreateHistogram(
        "catalog.group_commit.size", "{append}", "Appends committed together in one transaction",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128] });

    private static readonly Histogram<double> CommitDuration = Meter.CreateHistogram(
        "catalog.group_commit.duration", "s", "From a commit's first round trip to PostgreSQL's answer to COMMIT",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    private static readonly ConcurrentDictionary<string, ProjectionProgress> Projections = new(StringComparer.Ordinal);

    private static long _committedHead;

    static CatalogMetrics()
    {
        Meter.CreateObservableGauge("catalog.projection.lag", ProjectionLag, "{event}",
            "Positions of the log this node has committed or seen that the projection has not applied yet");
        Meter.CreateObservableGauge("catalog.projection.rebuild.progress", RebuildProgress, "%",
            "How far a projection rebuild under way on this node has filled its fresh tables");
    }

    /// <summary>A group commit answered: its size, its duration and the events it committed.</summary>
    public static void Committed(int appends, TimeSpan duration, IEnumerable<string> eventTypes, long lastPosition)
    {
        CommitSize.Record(appends);
        CommitDuration.Record(duration.TotalSeconds);
        foreach (var type in eventTypes)
        {
            EventsAppended.Add(1, new KeyValuePair<string, object?>("type", type));
        }
        InterlockedMax(ref _committedHead, lastPosition);
    }

    /// <summary>A projection's live tables reached <paramref name="position"/> with the log at <paramref name="head"/>.</summary>
    public static void ProjectionAt(string projection, long position, long head) =>
        Projections.AddOrUpdate(projection, _ => new ProjectionProgress(position, head, null, null),
            (_, known) => known with { Position = position, Head = head });

    /// <summary>A rebuild of the projection filled its fresh tables up to <paramref name="position"/> of <paramref name="target"/> (null: none under way).</summary>
    public static void RebuildAt(string projection, long? position, long? target) =>
        Projections.AddOrUpdate(projection, _ => new ProjectionProgress(0, 0, position, target),
            (_, known) => known with { RebuildPosition = position, RebuildTarget = target });

    private static IEnumerable<Measurement<long>> ProjectionLag()
    {
        var committed = Volatile.Read(ref _committedHead);
        return Projections.Select(p => new Measurement<long>(Math.Max(0, Math.Max(committed, p.Value.Head) - p.Value.Position),
            new KeyValuePair<string, object?>("projection", p.Key)));
    }

    private static IEnumerable<Measurement<double>> RebuildProgress() =>
        Projections.Where(p => p.Value is { RebuildPosition: not null, RebuildTarget: > 0 })
            .Select(p => new Measurement<double>(Math.Min(100, 100.0 * p.Value.RebuildPosition!.Value / p.Value.RebuildTarget!.Value),
                new KeyValuePair<string, object?>("projection", p.Key)));

    private static void InterlockedMax(ref long target, long value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref target, value, seen);
            if (before == seen)
            {
                return;
            }
            seen = before;
        }
    }

    private sealed record ProjectionProgress(long Position, long Head, long? RebuildPosition, long? RebuildTarget);
}
