namespace Catalog.Bench;

/// <summary>Everything one run measured; a part that failed or was skipped leaves its figures null and says why.</summary>
internal sealed class BenchResults(BenchOptions options)
{
    public BenchOptions Options { get; } = options;
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public MachineInfo? Machine { get; set; }
    public string? LoadAtEnd { get; set; }
    public double TotalSeconds { get; set; }

    public BaselineResult? Baseline { get; set; }
    public CpuUsage? BaselineCpu { get; set; }

    public double? StartupMs { get; set; }
    public double? StartupFirstEventMs { get; set; }
    public double? StartupRestartMs { get; set; }

    public IngestResult? Ingest { get; set; }
    public CpuUsage? IngestCpu { get; set; }
    /// <summary>PostgreSQL's busiest statements during ingest (null without pg_stat_statements).</summary>
    public IReadOnlyList<StatementStat>? IngestStatements { get; set; }
    public IReadOnlyList<string>? IngestMetrics { get; set; }
    public long? Lost { get; set; }
    public long? Unacknowledged { get; set; }
    public double? ProjectionCatchUpMs { get; set; }
    public double? PeakRssMb { get; set; }
    public double? PeakHwmMb { get; set; }

    public RebuildResult? Rebuild { get; set; }
    /// <summary>Events cloned into the log before the rebuild (see <see cref="LogFiller"/>).</summary>
    public long? RebuildClonedEvents { get; set; }
    /// <summary>How long the asynchronous projections took to apply the cloned events (all three at once).</summary>
    public double? ClonedCatchUpSeconds { get; set; }

    public LineageResult? Lineage { get; set; }

    /// <summary>Context a reader needs (skipped parts, caveats).</summary>
    public List<string> Notes { get; } = [];

    /// <summary>Parts that threw: the run exits non-zero so the harness cannot rot unnoticed.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>Appends the catalog acknowledged during ingest, warm-up included: every event and every job creation.</summary>
    public long? IngestAppends => Ingest is { } ingest ? ingest.AcknowledgedTotal + ingest.Jobs : null;

    public double? IngestRatio => Ingest is { } ingest && Baseline is { TxPerSecond: > 0 } baseline
        ? ingest.EventsPerSecond / baseline.TxPerSecond
        : null;
}
