using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetFileProducerEndpoint
{
    public static Task<(FileReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> LoadAsync(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.FileAsync(uuid, includeHidden: false, database, cancellationToken);

    /// <summary>The job that generated a file (an empty list when no visible job did).</summary>
    [WolverineGet("/api/v1/files/{uuid}/producer", OperationId = "getFileProducer")]
    [Tags("Lineage and files")]
    [EndpointSummary("The job that generated a file")]
    [EndpointDescription("The job that generated a file (an empty list when no visible job did); 404 for a file the catalog does not know. Open to read.")]
    [ReadsQuery]
    public static async Task<Results<JsonOk<LineageNodeListShape>, NotFoundProblem>> Get(FileReference file, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var lineage = new LineageQueries(database.DataSource);
        return await lineage.IsKnownAsync(file.Value, cancellationToken)
            ? LineageAnswers.Items<LineageNodeListShape>(await lineage.ProducerOfAsync(file.Value, cancellationToken))
            : Problems.NotFound($"No file {file} is known to the catalog.");
    }
}
