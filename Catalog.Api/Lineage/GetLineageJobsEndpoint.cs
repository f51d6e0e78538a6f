using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetLineageJobsEndpoint
{
    public static (LineageNodeUuid?, UnprocessableProblem?) Before(string uuid) => LineageNodeUuid.Read(uuid);

    /// <summary>The jobs that are child_of a measurement, sample or experiment (typed UUID or canonical identifier).</summary>
    [WolverineGet("/api/v1/lineage/{uuid}/jobs", OperationId = "getLineageJobs")]
    [Tags("Lineage and files")]
    [EndpointSummary("Jobs that are child_of a node")]
    [EndpointDescription("The jobs that are `child_of` a measurement, sample or experiment (typed UUID or canonical identifier). Open to read.")]
    [ReadsQuery]
    public static async Task<JsonOk<LineageNodeListShape>> Get(LineageNodeUuid node, CatalogDatabase database, CancellationToken cancellationToken) =>
        LineageAnswers.Items<LineageNodeListShape>(await new LineageQueries(database.DataSource).JobsOfAsync(node.Value, cancellationToken));
}
