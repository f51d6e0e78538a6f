using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.Groups;
using Catalog.Core.JobCommands;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Groups;

public static class PostGroupEndpoint
{
    public static Task<(GroupBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<GroupBody>(request, cancellationToken);

    /// <summary>Creates a group (201), or answers the existing one of the same name and owner (200).</summary>
    [WolverinePost("/api/v1/groups", OperationId = "createGroup")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    [Tags("Groups")]
    [EndpointSummary("Create a group")]
    [EndpointDescription("Agent or admin key. A group is an event stream; its UUID (prefix 112, a prefix python-datacatalog leaves unused) is a typed UUID of `name` and `owner`, so creating the same group again answers it (200). The same name and owner with another `kind` is a 409. Jobs join with `group` at creation or POST /api/v1/groups/{uuid}/members.")]
    public static async Task<Results<JsonCreated<GroupShape>, JsonOk<GroupShape>, ConflictProblem, UnprocessableProblem>> Post(GroupBody body,
        ClaimsPrincipal user, GroupService groups, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var uuid = GroupService.Uuid(body.Command.Name, body.Command.Owner);
        var outcome = await groups.HandleAsync(uuid, body.Command, JobActor.Parse(user.Actor()), cancellationToken);
        if (outcome.Rejection is { } rejection)
        {
            return Problems.Conflict(rejection.Message);
        }
        if (outcome.Unstorable is { } problem)
        {
            return Problems.Unprocessable($"The request cannot be stored: {problem}. Nothing was recorded.");
        }
        var view = (await new GroupQueries(database.DataSource).GetAsync(uuid, includeDeleted: false, cancellationToken))!;
        return outcome.Appended ? new JsonCreated<GroupShape>(view, $"/api/v1/groups/{uuid}") : new JsonOk<GroupShape>(view);
    }
}
