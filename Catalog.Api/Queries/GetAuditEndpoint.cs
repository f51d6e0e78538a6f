using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetAuditEndpoint
{
    /// <summary>A page of audit records (admin key), newest first, optionally of one job (<c>?job_uuid=</c>).</summary>
    [WolverineGet("/api/v1/admin/audit", OperationId = "listAudit")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    [Tags("Admin")]
    [EndpointSummary("Audit records")]
    [EndpointDescription("Admin key. What admins did that leaves no events behind (purges), newest first.")]
    [ReadsQuery("job_uuid", "limit", "after")]
    public static async Task<Results<JsonOk<AuditPageShape>, UnprocessableProblem>> Get(HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var (jobUuid, page, errors) = QueryParameters.Audit(request.Query["job_uuid"], request.Query["limit"], request.Query["after"]);
        if (page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var records = await new AuditQueries(database.DataSource).ListAsync(jobUuid, page, cancellationToken);
        return new JsonOk<AuditPageShape>(records.ToJson());
    }
}
