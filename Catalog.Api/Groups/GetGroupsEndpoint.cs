using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Groups;

public static class GetGroupsEndpoint
{
    /// <summary>A page of groups in creation order.</summary>
    [WolverineGet("/api/v1/groups", OperationId = "listGroups")]
    [Tags("Groups")]
    [EndpointSummary("List groups")]
    [EndpointDescription("A page of groups in creation order, each with its state and counts by state (not its members). Open to read.")]
    [ReadsQuery("limit", "after")]
    public static async Task<Results<JsonOk<GroupPageShape>, UnprocessableProblem>> Get(HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var (page, errors) = QueryParameters.Page(request.Query["limit"], request.Query["after"], GroupQueries.List, timed: true);
        if (page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        return new JsonOk<GroupPageShape>((await new GroupQueries(database.DataSource).ListAsync(page, cancellationToken)).ToJson());
    }
}
