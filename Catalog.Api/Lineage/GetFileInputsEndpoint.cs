using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetFileInputsEndpoint
{
    public static Task<(FileReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> LoadAsync(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.FileAsync(uuid, includeHidden: false, database, cancellationToken);

    /// <summary>What a product file was derived from and derived using, each item with its <c>relation</c>.</summary>
    [WolverineGet("/api/v1/files/{uuid}/inputs", OperationId = "getFileInputs")]
    [Tags("Lineage and files")]
    [EndpointSummary("What a file was derived from")]
    [EndpointDescription("What a product file was `derived_from` and `derived_using`, each item with its `relation`; 404 for a file the catalog does not know. Open to read.")]
    [ReadsQuery]
    public static async Task<Results<JsonOk<FileInputListShape>, NotFoundProblem>> Get(FileReference file, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var lineage = new LineageQueries(database.DataSource);
        if (!await lineage.IsKnownAsync(file.Value, cancellationToken))
        {
            return Problems.NotFound($"No file {file} is known to the catalog.");
        }
        var inputs = await lineage.InputsOfAsync(file.Value, cancellationToken);
        return LineageAnswers.Items<FileInputListShape>(inputs.Select(input =>
        {
            var item = input.Node.ToJson();
            item["relation"] = input.Relation.Wire;
            return item;
        }));
    }
}
