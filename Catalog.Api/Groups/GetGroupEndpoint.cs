using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Groups;

public static class GetGroupEndpoint
{
    public static (GroupUuid?, UnprocessableProblem?) Before(string uuid) => GroupUuid.Read(uuid);

    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    /// <summary>The group, its derived state, counts by state and members in order.</summary>
    [WolverineGet("/api/v1/groups/{uuid}", OperationId = "getGroup")]
    [Tags("Groups")]
    [EndpointSummary("Get a group")]
    [EndpointDescription("The group's name, kind, owner, state derived from its members', counts by state and members in the order they joined. Hidden members only for admins with `include_deleted=true`. Open to read.")]
    [ReadsQuery("include_deleted")]
    public static async Task<Results<JsonOk<GroupShape>, NotFoundProblem>> Get(GroupUuid group, Visibility visibility, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var view = await new GroupQueries(database.DataSource).GetAsync(group.Value, visibility.IncludeDeleted, cancellationToken);
        return view is null ? Problems.NotFound($"No group {group}.") : new JsonOk<GroupShape>(view);
    }
}
