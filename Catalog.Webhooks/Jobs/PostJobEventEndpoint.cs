using Catalog.Core.JobCommands;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Webhooks.Jobs;

public static class PostJobEventEndpoint
{
    /// <summary>An agent's state event for a job: needs the job's token (or an admin key); reset and ready need an admin key.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/events")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (message, errors) = JobEventMessage.Parse(body);
        if (message is null)
        {
            return Problems.Unprocessable("The event message is malformed.", errors);
        }
        return await JobEventHandling.HandleAsync(jobs, request.HttpContext, jobUuid!, message,
            TokenSources.Read(request, body as JObject, firstWins: false), cancellationToken);
    }
}
