using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobUndeleteEndpoint
{
    /// <summary>Admin: makes a hidden job visible again.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/undelete")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static Task<IResult> Post(string uuid, ClaimsPrincipal user, JobService jobs, CancellationToken cancellationToken) =>
        AdminJobCommand.AnswerAsync(uuid, user, jobs, actor => new JobCommand.Restore(actor), cancellationToken);
}
