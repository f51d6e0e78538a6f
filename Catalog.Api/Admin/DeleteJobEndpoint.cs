using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class DeleteJobEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    /// <summary>Admin: hides the job from queries and refuses its events until undeleted (204).</summary>
    [WolverineDelete("/api/v1/jobs/{uuid}", OperationId = "deleteJob")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Hide a job")]
    [EndpointDescription("Admin key. Hides the job from queries and refuses its events until undeleted. Repeating it is harmless. The audit log records it with `reason`.")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static async Task<Results<NoContent, Results<ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>>> Delete(
        JobUuid job, ClaimsPrincipal user, HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        var (reason, problem) = AdminReason.Read(request);
        if (problem is not null)
        {
            return (Results<ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>)problem;
        }
        var outcome = await AdminJobCommand.RunAsync(job, user, jobs, actor => new JobCommand.Hide(actor), reason, cancellationToken);
        return JobAnswers.Succeeded(outcome) ? TypedResults.NoContent() : JobAnswers.Refused(outcome, job.Value);
    }
}
