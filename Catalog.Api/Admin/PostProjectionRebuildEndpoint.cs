using Catalog.Core.Projections;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostProjectionRebuildEndpoint
{
    /// <summary>Admin: empties a projection and replays it from position 0 (202; progress at GET /api/v1/admin/projections).</summary>
    [WolverinePost("/api/v1/admin/projections/{name}/rebuild")]
    public static async Task<IResult> Post(string name, HttpRequest request, ProjectionDaemon daemon, ApiKeys keys,
        CancellationToken cancellationToken)
    {
        if (AdminCall.Check(request, keys).Problem is { } denied)
        {
            return denied;
        }
        if (!daemon.Names.Contains(name))
        {
            return Problems.NotFound($"No projection is named '{JobRequests.Clip(name)}'. Known: {string.Join(", ", daemon.Names)}.");
        }
        var target = await daemon.RebuildAsync(name, cancellationToken);
        return JobAnswers.Json(new JObject { ["name"] = name, ["status"] = "rebuilding", ["rebuild_target"] = target,
            ["progress"] = "/api/v1/admin/projections" }, StatusCodes.Status202Accepted);
    }
}
