namespace Catalog.Bench;

/// <summary>The lineage part: the graph that was loaded and the latency per depth and direction.</summary>
internal sealed record LineageResult(GraphLoad Graph, IReadOnlyList<LineageCase> Cases)
{
    /// <summary>The slower direction's p99 at depth 10.</summary>
    public double? Depth10P99Ms => Cases.Where(c => c.Depth == 10).Select(c => c.P99Ms).Max();
}
