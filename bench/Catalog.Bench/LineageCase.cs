namespace Catalog.Bench;

/// <summary>Latency of one depth and direction of the lineage route, over random roots.</summary>
/// <remarks>Answers cut at the route's node limit are timed apart as well: they are the largest graphs.</remarks>
internal sealed record LineageCase(int Depth, string Direction, int Queries, double? P50Ms, double? P99Ms, double? MaxMs,
    double MeanNodes, int Truncated, double? TruncatedP50Ms, int Errors);
