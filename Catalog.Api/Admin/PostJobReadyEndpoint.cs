using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobReadyEndpoint
{
    /// <summary>Admin: RESET → CREATED, so the job can run again.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/ready")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CancellationToken cancellationToken)
    {
        var (_, denied) = AdminCall.Check(request, keys);
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        var (body, badBody) = denied is null && badUuid is null ? await AdminBody.ReadAsync(request, cancellationToken) : (null, null);
        if ((denied ?? badUuid ?? badBody) is { } problem)
        {
            return problem;
        }
        var outcome = await jobs.HandleAsync(jobUuid!, new JobCommand.Send("ready", body!.Data), true, null, null, cancellationToken);
        return JobAnswers.From(outcome, jobUuid!);
    }
}
