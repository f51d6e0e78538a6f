using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobTokenEndpoint
{
    /// <summary>Admin: rotates the job's token; the old one stops working at once.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/token")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CancellationToken cancellationToken)
    {
        var (actor, denied) = AdminCall.Check(request, keys);
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if ((denied ?? badUuid) is { } problem)
        {
            return problem;
        }
        var outcome = await jobs.HandleAsync(jobUuid!, new JobCommand.RotateToken(actor), true, null, null, cancellationToken);
        if (outcome.Kind != JobOutcomeKind.Appended)
        {
            return JobAnswers.From(outcome, jobUuid!);
        }
        return JobAnswers.Json(new JObject { ["token"] = await jobs.TokenAsync(jobUuid!, cancellationToken) });
    }
}
