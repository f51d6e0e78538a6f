using Catalog.Core.EventStore;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobPurgeEndpoint
{
    /// <summary>Admin: removes the job's events, documents and edges for good; an audit record stays (204).</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/purge")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CancellationToken cancellationToken)
    {
        var (actor, denied) = AdminCall.Check(request, keys);
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if ((denied ?? badUuid) is { } problem)
        {
            return problem;
        }
        return await jobs.PurgeAsync(jobUuid!, actor, cancellationToken) is null
            ? Problems.NotFound($"No job {jobUuid}.")
            : Results.NoContent();
    }
}
