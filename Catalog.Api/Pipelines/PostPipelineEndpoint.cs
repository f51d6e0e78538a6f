using Catalog.Core.Pipelines;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Pipelines;

public static class PostPipelineEndpoint
{
    /// <summary>Registers a pipeline (agent or admin key): 201 when new, 200 with the stored one when its UUID exists.</summary>
    [WolverinePost("/api/v1/pipelines")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    public static async Task<IResult> Post(HttpRequest request, PipelineStore pipelines, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (document, errors) = PipelineRequest.Parse(body);
        if (document is null)
        {
            return Problems.Unprocessable("The pipeline is malformed.", errors);
        }
        var (stored, created) = await pipelines.RegisterAsync(document, cancellationToken);
        if (created)
        {
            request.HttpContext.Response.Headers.Location = $"/api/v1/pipelines/{stored["uuid"]}";
        }
        return JobAnswers.Json(stored, created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
