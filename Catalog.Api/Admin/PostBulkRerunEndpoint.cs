using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.JobCommands;
using Catalog.Core.Operations;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostBulkRerunEndpoint
{
    public static Task<(BulkRerunBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<BulkRerunBody>(request, cancellationToken);

    /// <summary>Admin: reruns every visible job in a state (optionally of one pipeline, updated after a time) in the background.</summary>
    [WolverinePost("/api/v1/admin/rerun", OperationId = "rerunJobs")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Rerun many jobs")]
    [EndpointDescription("Admin key. Finds the visible jobs in `state` (optionally of `pipeline_uuid`, updated after `updated_after`; at most 10,000) and reruns each in the background as `POST /api/v1/jobs/{uuid}/rerun` would, but only if it is still in that state when its turn comes. Answers 202 with the operation; follow it at `GET /api/v1/admin/operations/{id}` (progress, the jobs done and skipped). An operation cut short by a stop resumes when the catalog starts again.")]
    public static async Task<Results<JsonAccepted<OperationShape>, UnprocessableProblem>> Post(BulkRerunBody body, ClaimsPrincipal user,
        BulkOperations operations, BulkOperationsService service, CancellationToken cancellationToken)
    {
        var candidates = await operations.CandidatesAsync(body.Filter, cancellationToken);
        if (candidates.Count > BulkOperations.MaxJobs)
        {
            return Problems.Unprocessable(
                $"More than {BulkOperations.MaxJobs} jobs match; narrow the rerun with pipeline_uuid or updated_after.");
        }
        var (id, state) = await operations.StartRerunAsync(body.Filter, candidates, body.Reason, JobActor.Parse(user.Actor()),
            await service.StoppingAsync);
        var answer = state.ToJson(id);
        answer["progress"] = $"/api/v1/admin/operations/{id}";
        return new JsonAccepted<OperationShape>(answer);
    }
}
