using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetJobEndpoint
{
    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    public static Task<(JobReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> ValidateAsync(string uuid,
        Visibility visibility, CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.JobAsync(uuid, visibility.IncludeDeleted, database, cancellationToken);

    /// <summary>The job document with its history; hidden jobs only for admins asking with <c>?include_deleted=true</c>.</summary>
    [WolverineGet("/api/v1/jobs/{uuid}", OperationId = "getJob")]
    [Tags("Jobs")]
    [EndpointSummary("Get a job")]
    [EndpointDescription("The job document with its history. Hidden jobs only for admins with `include_deleted=true`.")]
    [ReadsQuery("include_deleted")]
    public static async Task<Results<JsonOk<JobShape>, NotFoundProblem>> Get(JobReference job, Visibility visibility, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var document = await new JobQueries(database.DataSource).GetAsync(job.Value, visibility.IncludeDeleted, cancellationToken);
        return document is null ? Problems.NotFound($"No job {job}.") : new JsonOk<JobShape>(document);
    }
}
