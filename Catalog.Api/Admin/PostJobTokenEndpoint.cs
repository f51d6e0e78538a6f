using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class PostJobTokenEndpoint
{
    /// <summary>Admin: rotates the job's token; the old one stops working at once.</summary>
    [WolverinePost("/api/v1/jobs/{uuid}/token")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Post(string uuid, ClaimsPrincipal user, JobService jobs, JobTokenSecret secret, CancellationToken cancellationToken)
    {
        var (outcome, problem) = await AdminJobCommand.RunAsync(uuid, user, jobs, actor => new JobCommand.RotateToken(actor), cancellationToken);
        if (problem is not null || outcome!.Kind != JobOutcomeKind.Appended)
        {
            return problem ?? JobAnswers.From(outcome!, uuid.ToLowerInvariant());
        }
        var job = outcome.State!;
        return JobAnswers.Json(new JObject { ["token"] = (await secret.TokensAsync(cancellationToken)).For(job.Spec!.Uuid, job.Incarnation, job.TokenGeneration) });
    }
}
