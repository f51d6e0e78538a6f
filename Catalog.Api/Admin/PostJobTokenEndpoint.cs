using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobTokenEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    /// <summary>Admin: rotates the job's token; the old one stops working at once.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/token", OperationId = "rotateJobToken")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Rotate a job's token")]
    [EndpointDescription("Admin key. Issues a new job token; the old one stops working at once.")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static async Task<Results<JsonOk<TokenAnswerShape>, Results<ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>>> Post(
        JobUuid job, ClaimsPrincipal user, HttpRequest request, JobService jobs, JobTokenSecret secret, CancellationToken cancellationToken)
    {
        var (reason, problem) = AdminReason.Read(request);
        if (problem is not null)
        {
            return (Results<ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>)problem;
        }
        var outcome = await AdminJobCommand.RunAsync(job, user, jobs, actor => new JobCommand.RotateToken(actor), reason, cancellationToken);
        if (outcome.Kind != JobOutcomeKind.Appended)
        {
            return JobAnswers.Refused(outcome, job.Value);
        }
        var state = outcome.State!;
        var token = (await secret.TokensAsync(cancellationToken)).For(state.Spec!.Uuid, state.Incarnation, state.TokenGeneration);
        return new JsonOk<TokenAnswerShape>(new JObject { ["token"] = token });
    }
}
