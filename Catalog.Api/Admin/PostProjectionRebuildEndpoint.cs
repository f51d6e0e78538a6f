using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.JobCommands;
using Catalog.Core.Projections;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostProjectionRebuildEndpoint
{
    /// <summary>Admin: rebuilds a projection from position 0 into fresh tables, swapped in once caught up (202; progress at GET /api/v1/admin/projections).</summary>
    [WolverinePost("/api/v1/admin/projections/{name}/rebuild", OperationId = "rebuildProjection")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Rebuild a projection")]
    [EndpointDescription("Admin key. Replays the projection from position 0 into fresh tables in the background and swaps them in once caught up; reads keep answering from the old tables meanwhile. Follow it at `GET /api/v1/admin/projections`.")]
    [Catalog.Api.Queries.ReadsQuery(AdminReason.Parameter)]
    public static async Task<Results<JsonAccepted<RebuildAcceptedShape>, NotFoundProblem, UnprocessableProblem>> Post(string name, ProjectionDaemon daemon,
        ClaimsPrincipal user, HttpRequest request, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (reason, problem) = AdminReason.Read(request);
        if (problem is not null)
        {
            return problem;
        }
        if (!daemon.Names.Contains(name))
        {
            return Problems.NotFound($"No projection is named '{RequestText.Clip(name)}'. Known: {string.Join(", ", daemon.Names)}.");
        }
        var target = await daemon.RebuildAsync(name, cancellationToken);
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await AuditRow.InsertAsync(connection, null, user.Actor(), "rebuild", null,
                new JObject { ["reason"] = reason, ["projection"] = name, ["rebuild_target"] = target }, cancellationToken);
        }
        return new JsonAccepted<RebuildAcceptedShape>(new JObject { ["name"] = name, ["status"] = "rebuilding", ["rebuild_target"] = target,
            ["progress"] = "/api/v1/admin/projections" });
    }
}
