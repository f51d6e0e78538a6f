using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetLineageEndpoint
{
    /// <summary>
    /// The lineage around a node (any typed UUID or a canonical identifier): <c>direction</c> upstream, downstream or
    /// both (default), <c>depth</c> 1..20 hops (default 3), <c>limit</c> 1..10000 nodes (default 1000).
    /// </summary>
    [WolverineGet("/api/v1/lineage/{uuid}")]
    public static async Task<IResult> Get(string uuid, HttpRequest request, CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (QueryAccess.Unknown(request, "direction", "depth", "limit") is { } unknown)
        {
            return unknown;
        }
        var query = request.Query;
        var (lineage, errors) = LineageRequest.Parse(uuid, query["direction"], query["depth"], query["limit"]);
        if (lineage is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var graph = await new LineageQueries(database.DataSource).TraverseAsync(lineage.Root, lineage.Direction, lineage.Depth,
            lineage.NodeLimit, cancellationToken);
        return JobAnswers.Json(graph.ToJson());
    }
}
