using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetJobEventsEndpoint
{
    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    public static Task<(JobReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> ValidateAsync(string uuid,
        Visibility visibility, CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.JobAsync(uuid, visibility.IncludeDeleted, database, cancellationToken);

    /// <summary>
    /// The job's event stream in version order, <c>[{position, version, uuid, name, date, data}]</c>; hidden jobs only
    /// for admins asking with <c>?include_deleted=true</c>.
    /// </summary>
    [WolverineGet("/api/v1/jobs/{uuid}/events", OperationId = "getJobEvents")]
    [Tags("Jobs")]
    [EndpointSummary("A job's event stream")]
    [EndpointDescription("The stored events in version order. Hidden jobs only for admins with `include_deleted=true`.")]
    [ReadsQuery("include_deleted")]
    public static async Task<Results<JsonOk<JobEventStreamShape>, NotFoundProblem>> Get(JobReference job, Visibility visibility,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var events = await new JobQueries(database.DataSource).EventsAsync(job.Value, visibility.IncludeDeleted, cancellationToken);
        return events is null ? Problems.NotFound($"No job {job}.") : new JsonOk<JobEventStreamShape>(events);
    }
}
