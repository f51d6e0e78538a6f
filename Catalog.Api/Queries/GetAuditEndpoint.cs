using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetAuditEndpoint
{
    /// <summary>A page of audit records (admin key), newest first, optionally of one job (<c>?job_uuid=</c>).</summary>
    [WolverineGet("/api/v1/admin/audit")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Get(HttpRequest request, CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (QueryAccess.Unknown(request, "job_uuid", "limit", "after") is { } unknown)
        {
            return unknown;
        }
        var (jobUuid, page, errors) = QueryParameters.Audit(request.Query["job_uuid"], request.Query["limit"], request.Query["after"]);
        if (page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var records = await new AuditQueries(database.DataSource).ListAsync(jobUuid, page, cancellationToken);
        return JobAnswers.Json(records.ToJson());
    }
}
