using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobReadyEndpoint
{
    /// <summary>Admin: RESET → CREATED, so the job can run again.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/ready")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Post(string uuid, HttpRequest request, ClaimsPrincipal user, JobService jobs, CancellationToken cancellationToken)
    {
        var (_, badUuid) = JobRequests.JobUuid(uuid);
        var (body, badBody) = badUuid is null ? await AdminBody.ReadAsync(request, cancellationToken) : (null, null);
        if ((badUuid ?? badBody) is { } problem)
        {
            return problem;
        }
        return await AdminJobCommand.AnswerAsync(uuid, user, jobs, _ => new JobCommand.Send("ready", body!.Data), cancellationToken);
    }
}
