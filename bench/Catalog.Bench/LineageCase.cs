namespace Catalog.Bench;

/// <summary>Latency of one depth and direction of the lineage route, over random roots.</summary>
/// <remarks>Answers cut at the route's node limit are timed apart as well: they are the largest graphs.</remarks>
/// <remarks><see cref="AsOf"/>: the same walk asked <c>as_of</c> the time the measurement began (the whole graph, through
/// the as-of query: the commit lookup, the jobs hidden then, the positions of the edges).</remarks>
internal sealed record LineageCase(int Depth, string Direction, int Queries, double? P50Ms, double? P99Ms, double? MaxMs,
    double MeanNodes, int Truncated, double? TruncatedP50Ms, int Errors, bool AsOf = false);
