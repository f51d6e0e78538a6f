using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobUndeleteEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    /// <summary>Admin: makes a hidden job visible again.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/undelete", OperationId = "undeleteJob")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Undelete a job")]
    [EndpointDescription("Admin key. Makes a hidden job visible again (a visible job is answered unchanged).")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        JobUuid job, ClaimsPrincipal user, HttpRequest request, JobService jobs, CancellationToken cancellationToken) =>
        AdminJobCommand.AnswerAsync(job, user, request, jobs, actor => new JobCommand.Restore(actor), cancellationToken);
}
