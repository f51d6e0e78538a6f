using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetFileProducerEndpoint
{
    public static (FileUuid?, UnprocessableProblem?) Before(string uuid) => FileUuid.Read(uuid);

    /// <summary>The job that generated a file (an empty list when no visible job did).</summary>
    [WolverineGet("/api/v1/files/{uuid}/producer", OperationId = "getFileProducer")]
    [Tags("Lineage and files")]
    [EndpointSummary("The job that generated a file")]
    [EndpointDescription("The job that generated a file (an empty list when no visible job did). Open to read.")]
    [ReadsQuery]
    public static async Task<JsonOk<LineageNodeListShape>> Get(FileUuid file, CatalogDatabase database, CancellationToken cancellationToken) =>
        LineageAnswers.Items<LineageNodeListShape>(await new LineageQueries(database.DataSource).ProducerOfAsync(file.Value, cancellationToken));
}
