using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.OpenLineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.OpenLineage;

public static class GetLineageEventsEndpoint
{
    /// <summary>A page of the OpenLineage log, oldest first, optionally of one run, job or name.</summary>
    [WolverineGet("/api/v1/lineage/events", OperationId = "listOpenLineageEvents")]
    [Tags("OpenLineage")]
    [EndpointSummary("OpenLineage events received")]
    [EndpointDescription("Every OpenLineage event received, as it came, oldest first: of one run (`run_id`), one catalog job (`job_uuid`), or one job or dataset (`namespace` and/or `name`). Open to read; facets that may carry environment variables or credentials are shown to admins only (replaced by a notice otherwise).")]
    [ReadsQuery("run_id", "job_uuid", "namespace", "name", "limit", "after")]
    public static async Task<Results<JsonOk<OpenLineageLogPageShape>, UnprocessableProblem>> Get(HttpRequest request, ClaimsPrincipal user,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var (filter, page, errors) = QueryParameters.OpenLineageLog(query["run_id"], query["job_uuid"], query["namespace"], query["name"],
            query["limit"], query["after"]);
        if (filter is null || page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var events = await new OpenLineageLog(database.DataSource).ListAsync(filter, page, user.IsAdmin(), cancellationToken);
        return new JsonOk<OpenLineageLogPageShape>(events.ToJson());
    }
}
