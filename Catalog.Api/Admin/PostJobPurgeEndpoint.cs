using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobPurgeEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    /// <summary>Admin: removes the job's events, documents, files and edges for good; an audit record stays (204).</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/purge", OperationId = "purgeJob")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Purge a job")]
    [EndpointDescription("Admin key. Removes the job's events, documents and edges for good; an audit record stays (`GET /api/v1/admin/audit`) saying what the job was, with `reason`.")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static async Task<Results<NoContent, NotFoundProblem, UnprocessableProblem>> Post(JobUuid job, ClaimsPrincipal user, HttpRequest request,
        JobPurge purge, CancellationToken cancellationToken)
    {
        var (reason, problem) = AdminReason.Read(request);
        if (problem is not null)
        {
            return problem;
        }
        return await purge.PurgeAsync(job.Value, user.Actor(), cancellationToken, reason) is null
            ? Problems.NotFound($"No job {job}.")
            : TypedResults.NoContent();
    }
}
