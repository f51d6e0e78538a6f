using Catalog.Core.Projections;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostProjectionRebuildEndpoint
{
    /// <summary>Admin: rebuilds a projection from position 0 into fresh tables, swapped in once caught up (202; progress at GET /api/v1/admin/projections).</summary>
    [WolverinePost("/api/v1/admin/projections/{name}/rebuild")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Post(string name, ProjectionDaemon daemon, CancellationToken cancellationToken)
    {
        if (!daemon.Names.Contains(name))
        {
            return Problems.NotFound($"No projection is named '{JobRequests.Clip(name)}'. Known: {string.Join(", ", daemon.Names)}.");
        }
        var target = await daemon.RebuildAsync(name, cancellationToken);
        return JobAnswers.Json(new JObject { ["name"] = name, ["status"] = "rebuilding", ["rebuild_target"] = target,
            ["progress"] = "/api/v1/admin/projections" }, StatusCodes.Status202Accepted);
    }
}
