using Catalog.Core.EventStore;
using Catalog.Core.Indexing;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobResetEndpoint
{
    /// <summary>Admin: any state → RESET, optionally emptying the job's archive directory (only under the storage root's /products/v2).</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/reset")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CatalogSettings settings,
        ILogger<JobService> logger, CancellationToken cancellationToken)
    {
        var (_, denied) = AdminCall.Check(request, keys);
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        var (body, badBody) = denied is null && badUuid is null ? await AdminBody.ReadAsync(request, cancellationToken) : (null, null);
        if ((denied ?? badUuid ?? badBody) is { } problem)
        {
            return problem;
        }
        var outcome = await jobs.HandleAsync(jobUuid!, new JobCommand.Send("reset", body!.Data), true, null, null, cancellationToken);
        if (outcome.Kind != JobOutcomeKind.Appended || !body.ClearArchive)
        {
            return JobAnswers.From(outcome, jobUuid!);
        }
        var document = await jobs.ReadDocumentAsync(jobUuid!, includeDeleted: true, cancellationToken);
        var (directory, refusal) = ArchiveClearing.Resolve(settings.StorageRoot, (string)document!["archive_system"]!, (string)document["archive_path"]!);
        var answer = outcome.Result!;
        answer["archive_cleared"] = directory is not null;
        if (directory is null)
        {
            answer["archive_note"] = refusal;
            return JobAnswers.Json(answer);
        }
        var removed = ArchiveClearing.Empty(directory);
        logger.LogInformation("Reset of job {Job} emptied {Directory} ({Removed} entries)", jobUuid, directory, removed);
        return JobAnswers.Json(answer);
    }
}
