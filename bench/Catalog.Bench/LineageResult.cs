namespace Catalog.Bench;

/// <summary>The lineage part: the graph that was loaded and the latency per depth and direction.</summary>
internal sealed record LineageResult(GraphLoad Graph, IReadOnlyList<LineageCase> Cases)
{
    /// <summary>The slower direction's p99 at depth 10.</summary>
    public double? Depth10P99Ms => Cases.Where(c => c.Depth == 10 && !c.AsOf).Select(c => c.P99Ms).Max();

    /// <summary>The slower direction's p99 at depth 3, live and as of a time, and how many times slower the second is.</summary>
    public double? Depth3P99Ms => Cases.Where(c => c.Depth == 3 && !c.AsOf).Select(c => c.P99Ms).Max();

    public double? AsOfDepth3P99Ms => Cases.Where(c => c.Depth == 3 && c.AsOf).Select(c => c.P99Ms).Max();

    public double? AsOfRatio => AsOfDepth3P99Ms / Depth3P99Ms;
}
