using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetPipelinesEndpoint
{
    /// <summary>A page of pipeline documents in registration order.</summary>
    [WolverineGet("/api/v1/pipelines", OperationId = "listPipelines")]
    [Tags("Pipelines")]
    [EndpointSummary("List pipelines")]
    [EndpointDescription("A page of pipeline documents in registration order. Open to read.")]
    [ReadsQuery("limit", "after")]
    public static async Task<Results<JsonOk<PipelinePageShape>, UnprocessableProblem>> Get(HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var (page, errors) = QueryParameters.Page(request.Query["limit"], request.Query["after"], PipelineQueries.List, timed: true);
        if (page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var pipelines = await new PipelineQueries(database.DataSource).ListAsync(page, cancellationToken);
        return new JsonOk<PipelinePageShape>(pipelines.ToJson());
    }
}
