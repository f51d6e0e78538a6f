using System.Security.Claims;
using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobResetEndpoint
{
    /// <summary>
    /// Admin: any state → RESET, optionally emptying the job's archive folder (only a real folder strictly below the
    /// storage root's /products/v2, reached without links). The reset records the clearing; the folder is emptied
    /// after the commit.
    /// </summary>
    [WolverinePost("/api/v1/jobs/{uuid}/reset")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Post(string uuid, HttpRequest request, ClaimsPrincipal user, JobService jobs, CatalogSettings settings,
        ILogger<JobService> logger, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        var (body, badBody) = badUuid is null ? await AdminBody.ReadAsync(request, cancellationToken) : (null, null);
        if ((badUuid ?? badBody) is { } problem)
        {
            return problem;
        }
        var job = await jobs.LoadAsync(jobUuid!, cancellationToken);
        var (directory, refusal) = body!.ClearArchive && job.Exists
            ? ArchiveClearing.Resolve(settings.StorageRoot, job.Spec!.ArchiveSystem, job.Spec.ArchivePath)
            : (null, null);
        var outcome = await jobs.HandleAsync(jobUuid!, new JobCommand.Reset(body.Data, user.Actor(), directory is not null),
            JobCaller.Admin, null, cancellationToken);
        if (outcome.Kind != JobOutcomeKind.Appended || !body.ClearArchive)
        {
            return JobAnswers.From(outcome, jobUuid!);
        }
        var answer = outcome.Result!;
        answer["archive_cleared"] = directory is not null;
        if (directory is null)
        {
            answer["archive_note"] = refusal;
            return JobAnswers.Json(answer);
        }
        try
        {
            var removed = ArchiveClearing.Empty(directory);
            logger.LogInformation("Reset of job {Job} emptied {Directory} ({Removed} entries)", jobUuid, directory, removed);
        }
        catch (IOException stopped)
        {
            // The folder changed under the clearing (became a link, moved, kept changing): what is left stays.
            logger.LogWarning(stopped, "Reset of job {Job} stopped emptying {Directory}", jobUuid, directory);
            answer["archive_cleared"] = false;
            answer["archive_note"] = $"The reset is recorded, but emptying the archive folder stopped: {stopped.Message}";
        }
        return JobAnswers.Json(answer);
    }
}
