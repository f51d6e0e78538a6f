using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Operations;
using Catalog.Core.Queries;
using Catalog.Core.Requests;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

/// <summary>The body of a bulk rerun: <c>{state, pipeline_uuid?, updated_after?, reason?}</c>.</summary>
public sealed record BulkRerunBody(RerunFilter Filter, string? Reason) : IRequestBody<BulkRerunBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(BulkRerunRequestShape), true, "Which jobs to rerun, and why.")];

    public static (BulkRerunBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        if (json is not JObject body)
        {
            return (null, BodyProblem.Unprocessable("The body must be a JSON object {\"state\": \"FAILED\", \"pipeline_uuid\"?, \"updated_after\"?, \"reason\"?}."));
        }
        var errors = new List<string>(UnknownFields.Errors(body, ["state", "pipeline_uuid", "updated_after", "reason"]));
        foreach (var field in new[] { "state", "pipeline_uuid", "updated_after", "reason" })
        {
            if (body[field] is { Type: not JTokenType.String and not JTokenType.Null })
            {
                errors.Add($"{field}: must be a string.");
            }
        }
        if (errors.Count > 0)
        {
            return (null, BodyProblem.Unprocessable("The bulk rerun is malformed.", errors));
        }
        var reason = (string?)body["reason"];
        if (reason is { Length: > JobEventData.MaxValueLength })
        {
            errors.Add($"reason: at most {JobEventData.MaxValueLength} characters.");
        }
        var filter = QueryParameters.RerunFilter((string?)body["state"], (string?)body["pipeline_uuid"], (string?)body["updated_after"], errors);
        return filter is null || errors.Count > 0
            ? (null, BodyProblem.Unprocessable("The bulk rerun is malformed.", errors))
            : (new BulkRerunBody(filter, reason), null);
    }
}

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
