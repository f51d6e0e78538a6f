using System.Diagnostics;
using System.Security.Cryptography;
using Catalog.Core.JobCommands;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Microsoft.Extensions.Logging;

namespace Catalog.Core.Indexing;

/// <summary>The part of an indexing run after <c>index</c>: describe each matching file, record batches, send <c>indexed</c>.</summary>
internal sealed class IndexingRun(JobService jobs, JobCaller appender, string jobUuid, string system, bool fixity, int expected,
    IndexingOptions options, ILogger logger)
{
    private const int HashBufferSize = 128_000;

    private readonly List<IndexedFile> _batch = new(options.BatchSize);
    private readonly List<IndexedFile> _listed = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastProgress;
    private int _count;

    public async Task<IndexingOutcome> RecordAsync(IndexPlan plan, string directory, string archivePath, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var file in ArchiveStorage.Scan(directory, archivePath))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (plan.Match(file.CatalogPath) is not { } match || await DescribeAsync(file, match, directory, cancellationToken) is not { } indexed)
                {
                    continue;
                }
                _batch.Add(indexed);
                if (_listed.Count < options.MaxListedFiles)
                {
                    _listed.Add(indexed);
                }
                if (_batch.Count >= options.BatchSize && await FlushAsync(cancellationToken) is { } refused)
                {
                    return refused;
                }
            }
            if (await FlushAsync(cancellationToken) is { } lastRefused)
            {
                return lastRefused;
            }
        }
        catch (Exception failure) when (failure is PatternTooSlowException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(failure, "Indexing of job {Job} stopped after {Count} files; the job stays INDEXING", jobUuid, _count);
            return new IndexingOutcome
            {
                Kind = IndexingOutcomeKind.Interrupted,
                Detail = $"Indexing stopped after {_count} files: {failure.Message} The job stays INDEXING; send index again to retry.",
                Count = _count,
            };
        }
        var finished = await jobs.HandleAsync(jobUuid, new JobCommand.Send("indexed", null), appender, null, cancellationToken);
        if (finished.Kind != JobOutcomeKind.Appended)
        {
            return IndexingService.FromJob(finished);
        }
        logger.LogInformation("Indexed {Count} files of job {Job} in {Seconds:0.0} s", _count, jobUuid, _clock.Elapsed.TotalSeconds);
        return new IndexingOutcome
        {
            Kind = IndexingOutcomeKind.Indexed,
            Job = finished,
            Files = _listed.OrderBy(f => f.Name, StringComparer.Ordinal).ToArray(),
            Count = _count,
        };
    }

    // Opened without following a link and only inside the archive folder, so a link swapped in during the run is never read.
    private async Task<IndexedFile?> DescribeAsync(ScannedFile file, FileMatch match, string directory, CancellationToken cancellationToken)
    {
        var (handle, size, refusal) = NoFollow.OpenFileInside(file.FullPath, directory);
        if (handle is null)
        {
            if (refusal is null)
            {
                // Removed between the listing and now: it is no longer an output.
                logger.LogDebug("Indexing job {Job}: {Path} disappeared before it was read", jobUuid, file.CatalogPath);
            }
            else
            {
                logger.LogWarning("Indexing job {Job}: {Path} skipped, not read: {Refusal}", jobUuid, file.CatalogPath, refusal);
            }
            return null;
        }
        string? checksum = null;
        using (handle)
        {
            if (fixity)
            {
                await using var stream = new FileStream(handle, FileAccess.Read, HashBufferSize);
                checksum = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            }
        }
        return new IndexedFile
        {
            Uuid = FileIdentity.FileUuid(file.CatalogPath),
            FileId = FileIdentity.FileId(file.CatalogPath, system),
            Name = FileIdentity.Normalize(file.CatalogPath),
            StorageSystem = system,
            Level = match.Level,
            Size = size,
            Checksum = checksum,
            DerivedFrom = match.DerivedFrom,
            DerivedUsing = match.DerivedUsing,
        };
    }

    // Recorded with admin rights: the caller's token was checked when 'index' was accepted.
    private async Task<IndexingOutcome?> FlushAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            return null;
        }
        var outcome = await jobs.HandleAsync(jobUuid, new JobCommand.RecordFiles(_batch.ToArray()), appender, null, cancellationToken);
        if (outcome.Kind != JobOutcomeKind.Appended)
        {
            return IndexingService.FromJob(outcome);
        }
        _count += _batch.Count;
        _batch.Clear();
        if (_count % options.ProgressEvery < options.BatchSize || _clock.Elapsed - _lastProgress >= options.ProgressInterval)
        {
            _lastProgress = _clock.Elapsed;
            logger.LogInformation("Indexed {Count} of {Expected} files of job {Job}", _count, expected, jobUuid);
        }
        return null;
    }
}
