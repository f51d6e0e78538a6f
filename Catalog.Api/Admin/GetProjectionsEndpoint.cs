using Catalog.Core.Projections;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class GetProjectionsEndpoint
{
    /// <summary>Admin: every projection's checkpoint, lag behind the log head, and rebuild progress.</summary>
    [WolverineGet("/api/v1/admin/projections", OperationId = "listProjections")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Projection progress")]
    [EndpointDescription("Admin key. Every projection's checkpoint, lag behind the log head, and rebuild progress.")]
    public static async Task<JsonOk<ProjectionListShape>> Get(ProjectionDaemon daemon, CancellationToken cancellationToken)
    {
        var statuses = await daemon.GetStatusAsync(cancellationToken);
        return new JsonOk<ProjectionListShape>(new JObject { ["items"] = new JArray(statuses.Select(ProjectionJson.Of)) });
    }
}
