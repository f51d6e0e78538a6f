namespace Catalog.Core.Projections;

/// <summary>Batch sizes and wait times of <see cref="ProjectionDaemon"/>.</summary>
public sealed class ProjectionDaemonOptions
{
    /// <summary>Events per transaction while following the head.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Events per transaction while a projection rebuilds from position 0.</summary>
    public int RebuildBatchSize { get; set; } = 5000;

    /// <summary>How long a caught-up runner sleeps when nobody calls <see cref="ProjectionDaemon.Notify"/>.</summary>
    public TimeSpan IdlePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a woken runner waits before reading, so the appends of that moment are applied in one batch (one
    /// checkpoint commit) instead of one batch per append.
    /// </summary>
    public TimeSpan WakeCoalescing { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>The longest back-off between retries after transient database errors.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a batch may sit idle inside its transaction before PostgreSQL ends it and frees the projection's
    /// checkpoint for another node (a frozen node holds it no longer than this).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The shortest interval between two rebuild progress log lines of one projection.</summary>
    public TimeSpan ProgressLogInterval { get; set; } = TimeSpan.FromSeconds(1);
}
