using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobPurgeEndpoint
{
    /// <summary>Admin: removes the job's events, documents, files and edges for good; an audit record stays (204).</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/purge")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Post(string uuid, ClaimsPrincipal user, JobPurge purge, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        return await purge.PurgeAsync(jobUuid!, user.Actor(), cancellationToken) is null
            ? Problems.NotFound($"No job {jobUuid}.")
            : Results.NoContent();
    }
}
