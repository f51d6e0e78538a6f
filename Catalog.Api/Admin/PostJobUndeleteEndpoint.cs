using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobUndeleteEndpoint
{
    /// <summary>Admin: makes a hidden job visible again.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/undelete")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CancellationToken cancellationToken)
    {
        var (actor, denied) = AdminCall.Check(request, keys);
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if ((denied ?? badUuid) is { } problem)
        {
            return problem;
        }
        return JobAnswers.From(await jobs.HandleAsync(jobUuid!, new JobCommand.Restore(actor), true, null, null, cancellationToken), jobUuid!);
    }
}
