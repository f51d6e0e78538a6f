namespace Catalog.Bench;

/// <summary>How the synthetic provenance graph was loaded.</summary>
internal sealed record GraphLoad(long Jobs, long Files, long Edges, double LoadSeconds, double AnalyzeSeconds);
