using System.Security.Claims;
using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobResetEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    public static Task<(ResetBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<ResetBody>(request, cancellationToken);

    /// <summary>
    /// Admin: any state → RESET, optionally emptying the job's archive folder (only a real folder strictly below the
    /// storage root's /products/v2, reached without links). The reset records the clearing; the folder is emptied
    /// after the commit.
    /// </summary>
    [WolverinePost("/api/v1/jobs/{uuid}/reset", OperationId = "resetJob")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Reset a job")]
    [EndpointDescription("Admin key. Any state → RESET. With `clear_archive: true` the job's archive directory is emptied, but only inside the storage root under `/products/v2`.")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static async Task<Results<JsonOk<ResetAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        JobUuid job, ResetBody body, ClaimsPrincipal user, HttpRequest request, JobService jobs, CatalogSettings settings, ILogger<JobService> logger,
        CancellationToken cancellationToken)
    {
        var (reason, problem) = AdminReason.Read(request);
        if (problem is not null)
        {
            return problem;
        }
        var state = await jobs.LoadAsync(job.Value, cancellationToken);
        var (directory, refusal) = body.ClearArchive && state.Exists
            ? ArchiveClearing.Resolve(settings.StorageRoot, state.Spec!.ArchiveSystem, state.Spec.ArchivePath)
            : (null, null);
        var outcome = await jobs.HandleAsync(job.Value, new JobCommand.Reset(body.Data, user.Actor(), directory is not null) { Reason = reason },
            JobCaller.AdminAs(JobActor.Parse(user.Actor())), null, cancellationToken);
        if (outcome.Kind != JobOutcomeKind.Appended || !body.ClearArchive)
        {
            return JobAnswers.From<ResetAnswerShape>(outcome, job.Value);
        }
        var answer = outcome.Result!;
        answer["archive_cleared"] = directory is not null;
        if (directory is null)
        {
            answer["archive_note"] = refusal;
            return new JsonOk<ResetAnswerShape>(answer);
        }
        try
        {
            var removed = ArchiveClearing.Empty(directory);
            logger.LogInformation("Reset of job {Job} emptied {Directory} ({Removed} entries)", job, directory, removed);
        }
        catch (IOException stopped)
        {
            // The folder changed under the clearing (became a link, moved, kept changing): what is left stays.
            logger.LogWarning(stopped, "Reset of job {Job} stopped emptying {Directory}", job, directory);
            answer["archive_cleared"] = false;
            answer["archive_note"] = $"The reset is recorded, but emptying the archive folder stopped: {stopped.Message}";
        }
        return new JsonOk<ResetAnswerShape>(answer);
    }
}
