using Catalog.Api.Operations;
using Catalog.Core.Identifiers;
using Catalog.Core.Queries;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetFileInputsEndpoint
{
    /// <summary>What a product file was derived from and derived using, each item with its <c>relation</c>.</summary>
    [WolverineGet("/api/v1/files/{uuid}/inputs")]
    public static async Task<IResult> Get(string uuid, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (fileUuid, problem) = LineageAnswers.Typed(uuid, UuidType.File);
        if (problem is not null)
        {
            return problem;
        }
        var inputs = await new LineageQueries(database.DataSource).InputsOfAsync(fileUuid!, cancellationToken);
        return LineageAnswers.Items(inputs.Select(input =>
        {
            var item = input.Node.ToJson();
            item["relation"] = input.Relation.Wire;
            return item;
        }));
    }
}
