using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobRerunEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    public static Task<(RerunBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<RerunBody>(request, cancellationToken);

    /// <summary>Admin: reset and ready in one commit, so the job is CREATED again and can run anew.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/rerun", OperationId = "rerunJob")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Rerun a job")]
    [EndpointDescription("Admin key. Appends `reset` and `ready` in one commit (any state → CREATED), each recording `{rerun: true, reason, actor}`; the archive folder is left as it is. A hidden job is not found.")]
    public static async Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        JobUuid job, RerunBody body, ClaimsPrincipal user, JobService jobs, CancellationToken cancellationToken) =>
        JobAnswers.From<EventAnswerShape>(
            await AdminJobCommand.RunAsync(job, user, jobs, actor => new JobCommand.Rerun(actor), body.Reason, cancellationToken), job.Value);
}
