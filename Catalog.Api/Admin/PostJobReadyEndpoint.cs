using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobReadyEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    public static Task<(ReadyBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<ReadyBody>(request, cancellationToken);

    /// <summary>Admin: RESET → CREATED, so the job can run again.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/ready", OperationId = "readyJob")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Make a reset job ready")]
    [EndpointDescription("Admin key. RESET → CREATED, so the job can run again.")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        JobUuid job, ReadyBody body, ClaimsPrincipal user, HttpRequest request, JobService jobs, CancellationToken cancellationToken) =>
        AdminJobCommand.AnswerAsync(job, user, request, jobs, _ => new JobCommand.Send("ready", body.Data), cancellationToken);
}
