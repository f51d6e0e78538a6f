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
    [EndpointDescription("The job document with its history. Hidden jobs only for admins with `include_deleted=true`. `as_of` (an ISO 8601 time) answers the job as the catalog had recorded it then: its events committed by that time, folded (with `as_of` in the answer); 404 when it did not exist then or was hidden then. A job hidden now stays hidden in the past for those without the admin key.")]
    [ReadsQuery("include_deleted", "as_of")]
    public static async Task<Results<JsonOk<JobShape>, NotFoundProblem, UnprocessableProblem>> Get(JobReference job, Visibility visibility,
        HttpRequest request, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (asOf, error) = QueryParameters.AsOf(request.Query["as_of"]);
        if (error is not null)
        {
            return QueryAccess.Invalid([error]);
        }
        if (asOf is { } time)
        {
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
            var past = await (await AsOf.AtAsync(connection, time, cancellationToken)).JobAsync(connection, job.Value, visibility.IncludeDeleted, cancellationToken);
            return past is null
                ? Problems.NotFound($"Job {job} did not exist at {Catalog.Core.Jobs.JobEventJson.FormatTime(time)}, or was hidden then.")
                : new JsonOk<JobShape>(past);
        }
        var document = await new JobQueries(database.DataSource).GetAsync(job.Value, visibility.IncludeDeleted, cancellationToken);
        return document is null ? Problems.NotFound($"No job {job}.") : new JsonOk<JobShape>(document);
    }
}
