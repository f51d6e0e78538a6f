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
    [EndpointDescription("The jobs that are `child_of` a measurement, sample or experiment (typed UUID or canonical identifier); 404 for a node the catalog does not know. Open to read.")]
    [ReadsQuery]
    public static async Task<Results<JsonOk<LineageNodeListShape>, NotFoundProblem>> Get(NodeReference node, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var lineage = new LineageQueries(database.DataSource);
        return await lineage.IsKnownAsync(node.Value, cancellationToken)
            ? LineageAnswers.Items<LineageNodeListShape>(await lineage.JobsOfAsync(node.Value, cancellationToken))
            : Problems.NotFound($"No node {node} is known to the catalog.");
    }
}
