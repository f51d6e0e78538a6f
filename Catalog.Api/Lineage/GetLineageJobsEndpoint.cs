using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetLineageJobsEndpoint
{
    public static Task<(NodeReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> LoadAsync(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.NodeAsync(uuid, database, cancellationToken);

    /// <summary>The jobs that are child_of a measurement, sample or experiment (typed UUID or canonical identifier).</summary>
    [WolverineGet("/api/v1/lineage/{uuid}/jobs", OperationId = "getLineageJobs")]
    [Tags("Lineage and files")]
    [EndpointSummary("Jobs that are child_of a node")]
    [EndpointDescription("The jobs that are `child_of` a measurement, sample or experiment (typed UUID or canonical identifier); 404 for a node the catalog does not know. `as_of` (an ISO 8601 time): the jobs the catalog had recorded by then, not hidden then (nor now). Open to read.")]
    [ReadsQuery("as_of")]
    public static async Task<Results<JsonOk<LineageNodeListShape>, NotFoundProblem, UnprocessableProblem>> Get(NodeReference node, HttpRequest request,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (time, error) = QueryParameters.AsOf(request.Query["as_of"]);
        if (error is not null)
        {
            return QueryAccess.Invalid([error]);
        }
        var lineage = new LineageQueries(database.DataSource);
        if (!await lineage.IsKnownAsync(node.Value, cancellationToken))
        {
            return Problems.NotFound($"No node {node} is known to the catalog.");
        }
        var asOf = await LineageAnswers.AsOfAsync(database, time, cancellationToken);
        return LineageAnswers.Items<LineageNodeListShape>(await lineage.JobsOfAsync(node.Value, cancellationToken, asOf));
    }
}
