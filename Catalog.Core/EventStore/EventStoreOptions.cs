namespace Catalog.Core.EventStore;

/// <summary>How the store's group commit behaves; the defaults are what production runs with.</summary>
public sealed record EventStoreOptions
{
    /// <summary>The most appends one commit takes.</summary>
    public int MaxBatch { get; init; } = 128;

    /// <summary>
    /// How long an append transaction may sit idle before PostgreSQL ends it. A writer frozen inside its transaction
    /// (SIGSTOP, a long pause, a network stall) would otherwise hold the log head, and every node's appends with it.
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest an append waits for a lock before its batch is tried again.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Runs inside every commit's transaction after its writes and before COMMIT (a seam for tests: a stalled writer).
    /// </summary>
    public Func<IReadOnlyList<StreamAppend>, CancellationToken, Task>? BeforeCommit { get; init; }
}
