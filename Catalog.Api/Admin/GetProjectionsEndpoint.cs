using Catalog.Core.Projections;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class GetProjectionsEndpoint
{
    /// <summary>Admin: every projection's checkpoint, lag behind the log head, and rebuild progress.</summary>
    [WolverineGet("/api/v1/admin/projections")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Get(ProjectionDaemon daemon, CancellationToken cancellationToken)
    {
        var statuses = await daemon.GetStatusAsync(cancellationToken);
        return JobAnswers.Json(new JObject { ["items"] = new JArray(statuses.Select(ProjectionJson.Of)) });
    }
}
