using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetPipelineEndpoint
{
    public static (PipelineUuid?, UnprocessableProblem?) Before(string uuid) => PipelineUuid.Read(uuid);

    /// <summary>The pipeline document as registered.</summary>
    [WolverineGet("/api/v1/pipelines/{uuid}", OperationId = "getPipeline")]
    [Tags("Pipelines")]
    [EndpointSummary("Get a pipeline")]
    [EndpointDescription("The pipeline document as registered. Open to read.")]
    [ReadsQuery]
    public static async Task<Results<JsonOk<PipelineShape>, NotFoundProblem>> Get(PipelineUuid pipeline, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var document = await new PipelineQueries(database.DataSource).GetAsync(pipeline.Value, cancellationToken);
        return document is null ? Problems.NotFound($"No pipeline {pipeline}.") : new JsonOk<PipelineShape>(document);
    }
}
