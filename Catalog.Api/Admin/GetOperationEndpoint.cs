using Catalog.Core.Operations;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class GetOperationEndpoint
{
    /// <summary>Admin: a bulk operation's progress and the jobs it did and skipped.</summary>
    [WolverineGet("/api/v1/admin/operations/{id}", OperationId = "getOperation")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Follow a bulk operation")]
    [EndpointDescription("Admin key. The operation's state (`running`, `finished`), its filter and reason, how many jobs it found, did and skipped (a job skipped had left the state asked for, or was hidden), the percentage looked at, and the jobs of each.")]
    public static async Task<Results<JsonOk<OperationShape>, NotFoundProblem>> Get(string id, BulkOperations operations, CancellationToken cancellationToken)
    {
        var state = Guid.TryParseExact(id, "D", out var parsed) && parsed.ToString("D") == id
            ? await operations.LoadAsync(id, cancellationToken)
            : null;
        return state is { Exists: true } ? new JsonOk<OperationShape>(state.ToJson(id)) : Problems.NotFound($"No operation '{RequestText.Clip(id)}'.");
    }
}
