using Catalog.Core.Pipelines;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Pipelines;

public static class PostPipelineEndpoint
{
    public static Task<(PipelineBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<PipelineBody>(request, cancellationToken);

    /// <summary>Registers a pipeline (agent or admin key): 201 when new, 200 with the stored one when its UUID exists.</summary>
    [WolverinePost("/api/v1/pipelines", OperationId = "registerPipeline")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    [Tags("Pipelines")]
    [EndpointSummary("Register a pipeline")]
    [EndpointDescription("Agent or admin key. The UUID is computed from `id` and `components` as in python-datacatalog; registering the same definition again answers the stored one (200).")]
    public static async Task<Results<JsonCreated<PipelineShape>, JsonOk<PipelineShape>>> Post(PipelineBody body, PipelineStore pipelines,
        CancellationToken cancellationToken)
    {
        var (stored, created) = await pipelines.RegisterAsync(body.Document, cancellationToken);
        return created ? new JsonCreated<PipelineShape>(stored, $"/api/v1/pipelines/{stored["uuid"]}") : new JsonOk<PipelineShape>(stored);
    }
}
