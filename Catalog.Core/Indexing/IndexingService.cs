using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.Files;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace Catalog.Core.Indexing;

/// <summary>
/// Indexes a job's outputs (reference §7): checks everything first (the job, the caller, the requests, the archive
/// folder, the derived references, every pattern against every file name), and only then sends <c>index</c>, records
/// the matching files in batches through the job service, and sends <c>indexed</c>.
/// </summary>
/// <remarks>
/// A run that fails after <c>index</c> (a file that cannot be read, a pattern too slow on a file that appeared since
/// the check) leaves the job INDEXING with the batches recorded so far, and does not send <c>fail</c>: INDEXING
/// accepts <c>index</c> again, so the agent retries, and re-indexing the same files overwrites their records.
/// </remarks>
public sealed class IndexingService(JobService jobs, NpgsqlDataSource dataSource, string storageRoot, ILogger logger,
    IndexingOptions? options = null)
{
    private readonly IndexingOptions _options = options ?? new IndexingOptions();
    private readonly ArchiveStorage _storage = new(storageRoot);

    /// <summary>
    /// Indexes the job's archive folder with <paramref name="filters"/> (fixity as asked) or, without them, with the
    /// job's archive and product patterns (fixity always, as python-datacatalog did). <paramref name="level"/> is the
    /// level of requests that name none. <paramref name="job"/> is the job as its stream folds, and
    /// <paramref name="caller"/> who authorization said is asking.
    /// </summary>
    public async Task<IndexingOutcome> IndexAsync(JobState job, JobCaller caller, JArray? filters, string? level, bool fixity,
        CancellationToken cancellationToken)
    {
        var jobUuid = job.Spec!.Uuid;
        // The state machine's own answer, before any work: a job that cannot take 'index' gets the usual 404 or 409.
        var precheck = JobDecider.Decide(job, StartCommand, DateTimeOffset.UtcNow);
        if (precheck.Rejection is { } rejection)
        {
            return FromJob(new JobOutcome(rejection.Kind == RejectionKind.UnknownJob ? JobOutcomeKind.NotFound : JobOutcomeKind.Rejected,
                Rejection: rejection));
        }
        var system = job.Spec.ArchiveSystem;
        var archivePath = job.Spec.ArchivePath;
        var (plan, errors) = IndexPlan.Create(filters, job.Spec.ArchivePatterns, job.Spec.ProductPatterns, level, archivePath, _options.MatchTimeout);
        if (plan is null)
        {
            return Invalid(errors);
        }
        var (directory, problem) = _storage.ResolveDirectory(system, archivePath);
        if (directory is null)
        {
            return Invalid([problem!]);
        }
        var missing = await MissingReferencesAsync(plan, system, archivePath, cancellationToken);
        if (missing.Count > 0)
        {
            return Invalid(missing);
        }
        var total = 0;
        try
        {
            foreach (var file in ArchiveStorage.Scan(directory, archivePath))
            {
                cancellationToken.ThrowIfCancellationRequested();
                total += plan.Match(file.CatalogPath) is null ? 0 : 1;
            }
        }
        catch (PatternTooSlowException slow)
        {
            return Invalid([slow.Message]);
        }
        catch (IOException failure)
        {
            return Invalid([$"The archive folder agave://{system}{archivePath} cannot be listed: {failure.Message}"]);
        }
        var started = await jobs.HandleAsync(jobUuid, StartCommand, caller, null, cancellationToken);
        if (started.Kind != JobOutcomeKind.Appended)
        {
            return FromJob(started);
        }
        // The run's own appends (files, indexed) are the catalog finishing what the caller started: recorded as the caller.
        var run = new IndexingRun(jobs, JobCaller.AdminAs(caller.Actor), jobUuid, system, filters is null || fixity, total, _options, logger);
        return await run.RecordAsync(plan, directory, archivePath, cancellationToken);
    }

    private static JobCommand.Send StartCommand { get; } = new("index", new JObject());

    internal static IndexingOutcome FromJob(JobOutcome outcome) => new()
    {
        Kind = outcome.Kind switch
        {
            JobOutcomeKind.NotFound => IndexingOutcomeKind.NotFound,
            JobOutcomeKind.Unauthorized => IndexingOutcomeKind.Unauthorized,
            _ => IndexingOutcomeKind.Rejected,
        },
        Job = outcome,
        Detail = outcome.Rejection?.Message ?? "",
    };

    private static IndexingOutcome Invalid(IReadOnlyList<string> errors) =>
        new() { Kind = IndexingOutcomeKind.Invalid, Errors = errors, Detail = string.Join(" ", errors) };

    private async Task<IReadOnlyList<string>> MissingReferencesAsync(IndexPlan plan, string system, string archivePath,
        CancellationToken cancellationToken)
    {
        var inArchive = archivePath.TrimEnd('/') + "/";
        var unproven = plan.References.Where(reference => reference switch
        {
            DerivedReference.JobRelative relative =>
                !(relative.Path.StartsWith(inArchive, StringComparison.Ordinal) && _storage.FileExists(system, relative.Path)),
            DerivedReference.Agave agave => !_storage.FileExists(agave.System, agave.Path),
            DerivedReference.IndexedName => true,
            _ => false,
        }).ToArray();
        // A reference not on storage may still name a file indexed before (python-datacatalog looked it up by name).
        var indexed = await new FileQueries(dataSource).ExistingAsync(
            unproven.OfType<DerivedReference.JobRelative>().Select(r => r.Uuid)
                .Concat(unproven.OfType<DerivedReference.IndexedName>().Select(r => r.Uuid)).ToArray(), cancellationToken);
        return unproven.Where(reference => reference switch
        {
            DerivedReference.JobRelative relative => !indexed.Contains(relative.Uuid),
            DerivedReference.IndexedName name => !indexed.Contains(name.Uuid),
            _ => true,
        }).Select(reference => reference switch
        {
            DerivedReference.JobRelative relative => $"derived reference '{reference.Text}': no file {relative.Path} in the job's archive folder and none indexed.",
            DerivedReference.Agave agave => $"derived reference '{reference.Text}': no file {agave.Path} on {agave.System}.",
            _ => $"derived reference '{reference.Text}': no file by that name has been indexed.",
        }).ToArray();
    }
}
