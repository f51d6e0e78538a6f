using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetJobsEndpoint
{
    /// <summary>
    /// A page of job documents (without history), most recently updated first, filtered by <c>state</c>,
    /// <c>pipeline_uuid</c>, <c>child_of</c> (typed UUID or canonical identifier) and <c>updated_after</c>.
    /// </summary>
    [WolverineGet("/api/v1/jobs")]
    public static async Task<IResult> Get(HttpRequest request, CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (QueryAccess.Unknown(request, "state", "pipeline_uuid", "child_of", "updated_after", "include_deleted", "limit", "after") is { } unknown)
        {
            return unknown;
        }
        var (_, denied) = await QueryAccess.IncludeDeletedAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        var query = request.Query;
        var (filter, errors) = QueryParameters.JobList(query["state"], query["pipeline_uuid"], query["child_of"],
            query["updated_after"], query["include_deleted"], query["limit"], query["after"]);
        if (filter is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var page = await new JobQueries(database.DataSource).ListAsync(filter, cancellationToken);
        return JobAnswers.Json(page.ToJson());
    }
}
