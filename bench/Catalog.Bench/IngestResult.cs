namespace Catalog.Bench;

/// <summary>The ingest part's figures; latencies in milliseconds.</summary>
internal sealed record IngestResult(
    int Concurrency,
    double WindowSeconds,
    long Events,
    long Creates,
    double EventsPerSecond,
    double EventsPerWallSecond,
    double AppendsPerSecond,
    double? P50Ms,
    double? P90Ms,
    double? P99Ms,
    double? P999Ms,
    double? MaxMs,
    double? CreateP50Ms,
    double? CreateP99Ms,
    long Errors,
    IReadOnlyDictionary<string, long> ErrorsByStatus,
    long Jobs,
    long AcknowledgedTotal,
    IReadOnlyList<(string Uuid, int Acknowledged)> JobTallies);
