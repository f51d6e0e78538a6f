using Catalog.Api.Preview;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Jobs;

public static class PostJobPreviewEndpoint
{
    /// <summary>What a job body would resolve to (UUID, archive path, child_of, hashed text); stores nothing.</summary>
    [WolverinePost("/api/v1/jobs/preview")]
    public static async Task<IResult> Post(HttpRequest request, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        if (body is null)
        {
            return Problems.Unprocessable("The body is empty; send a JSON job spec with at least pipeline_uuid.");
        }
        var (result, errors) = PreviewResult.Of(body, clock.GetUtcNow().UtcDateTime);
        return result is null
            ? Problems.Unprocessable("The job spec cannot be resolved.", errors)
            : Results.Text(PreviewResult.Serialize(result), "application/json");
    }
}
