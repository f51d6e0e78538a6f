namespace Catalog.Core.Indexing;

/// <summary>Limits and pacing of <see cref="IndexingService"/>.</summary>
public sealed class IndexingOptions
{
    /// <summary>Files per <c>job.files_indexed.v1</c> event.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>How long one pattern may run on one file name before the pattern counts as too slow.</summary>
    public TimeSpan MatchTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>A progress line after this many files…</summary>
    public int ProgressEvery { get; init; } = 1000;

    /// <summary>…or after this long since the last one.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most files an answer lists; a run may index more (all are recorded and counted), the rest are listed by
    /// <c>GET /api/v1/jobs/{uuid}/files</c>. Keeps a huge archive from being held in memory for the answer.
    /// </summary>
    public int MaxListedFiles { get; init; } = 10_000;
}
