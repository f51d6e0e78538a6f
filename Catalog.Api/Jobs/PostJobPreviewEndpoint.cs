using Catalog.Api.Preview;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Jobs;

public static class PostJobPreviewEndpoint
{
    public static Task<(PreviewBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<PreviewBody>(request, cancellationToken);

    /// <summary>What a job body would resolve to (UUID, archive path, child_of, hashed text); stores nothing.</summary>
    [WolverinePost("/api/v1/jobs/preview", OperationId = "previewJob")]
    [Tags("Jobs")]
    [EndpointSummary("Preview a job's identity")]
    [EndpointDescription("What a job body would resolve to (UUID, archive path, parents, the hashed text). No authentication; stores nothing.")]
    public static Results<JsonOk<JobPreviewShape>, UnprocessableProblem> Post(PreviewBody body, TimeProvider clock)
    {
        var (result, errors) = PreviewResult.Of(body.Spec, clock.GetUtcNow().UtcDateTime);
        return result is null
            ? Problems.Unprocessable("The job spec cannot be resolved.", errors)
            : new JsonOk<JobPreviewShape>(PreviewResult.Serialize(result));
    }
}
