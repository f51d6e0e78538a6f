using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetJobEventsEndpoint
{
    /// <summary>
    /// The job's event stream in version order, <c>[{position, version, uuid, name, date, data}]</c>; hidden jobs only
    /// for admins asking with <c>?include_deleted=true</c>.
    /// </summary>
    [WolverineGet("/api/v1/jobs/{uuid}/events")]
    public static async Task<IResult> Get(string uuid, HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        var (includeDeleted, denied) = await QueryAccess.IncludeDeletedAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        var events = await new JobQueries(database.DataSource).EventsAsync(jobUuid!, includeDeleted, cancellationToken);
        return events is null ? Problems.NotFound($"No job {jobUuid}.") : JobAnswers.Json(events);
    }
}
