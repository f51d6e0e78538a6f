using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetJobsEndpoint
{
    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    /// <summary>
    /// A page of job documents (without history), most recently updated first, filtered by <c>state</c>,
    /// <c>pipeline_uuid</c>, <c>child_of</c> (typed UUID or canonical identifier), <c>updated_after</c>, <c>tag</c>,
    /// <c>label</c> (both repeatable, all must match), <c>owner</c> and <c>stale_after</c>.
    /// </summary>
    [WolverineGet("/api/v1/jobs", OperationId = "listJobs")]
    [Tags("Jobs")]
    [EndpointSummary("List jobs")]
    [EndpointDescription("A page of job documents without history, most recently updated first. Open to read; `include_deleted=true` needs an admin key.")]
    [ReadsQuery("state", "pipeline_uuid", "child_of", "updated_after", "tag", "label", "owner", "stale_after", "group", "openlineage_run_id", "include_deleted", "limit", "after")]
    public static async Task<Results<JsonOk<JobPageShape>, UnprocessableProblem>> Get(HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var query = request.Query;
        var (filter, errors) = QueryParameters.JobList(query["state"], query["pipeline_uuid"], query["child_of"],
            query["updated_after"], query["include_deleted"], query["limit"], query["after"],
            query["tag"].ToArray(), query["label"].ToArray(), query["owner"], query["stale_after"], query["group"],
            query["openlineage_run_id"]);
        if (filter is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var page = await new JobQueries(database.DataSource).ListAsync(filter, cancellationToken);
        return new JsonOk<JobPageShape>(page.ToJson());
    }
}
