using HdrHistogram;

namespace Catalog.Bench;

/// <summary>Latency histograms in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes).</summary>
internal static class Latency
{
    private const long HighestMicros = 600_000_000;

    public static LongHistogram Create() => new(HighestMicros, 3);

    public static void Record(LongHistogram histogram, long startTimestamp, long endTimestamp)
    {
        var micros = (long)((endTimestamp - startTimestamp) * 1_000_000.0 / System.Diagnostics.Stopwatch.Frequency);
        histogram.RecordValue(Math.Clamp(micros, 1, HighestMicros));
    }

    /// <summary>The latency at a percentile in milliseconds, or null when nothing was recorded.</summary>
    public static double? Ms(LongHistogram histogram, double percentile) =>
        histogram.TotalCount == 0 ? null : histogram.GetValueAtPercentile(percentile) / 1000.0;

    public static double? MaxMs(LongHistogram histogram) =>
        histogram.TotalCount == 0 ? null : histogram.GetMaxValue() / 1000.0;
}
