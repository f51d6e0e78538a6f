namespace Catalog.Bench;

/// <summary>What pgbench reported for the baseline script.</summary>
internal sealed record BaselineResult(double TxPerSecond, double? LatencyAverageMs, long Transactions, long? Failed);
