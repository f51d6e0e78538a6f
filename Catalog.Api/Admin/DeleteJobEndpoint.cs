using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class DeleteJobEndpoint
{
    /// <summary>Admin: hides the job from queries and refuses its events until undeleted (204).</summary>
    [WolverineDelete("/api/v1/jobs/{uuid}")]
    [Authorize(Policy = CatalogPolicies.Admin)]
    public static async Task<IResult> Delete(string uuid, ClaimsPrincipal user, JobService jobs, CancellationToken cancellationToken)
    {
        var (outcome, problem) = await AdminJobCommand.RunAsync(uuid, user, jobs, actor => new JobCommand.Hide(actor), cancellationToken);
        return problem ?? (outcome!.Kind is JobOutcomeKind.Appended or JobOutcomeKind.Unchanged
            ? Results.NoContent()
            : JobAnswers.From(outcome, uuid.ToLowerInvariant()));
    }
}
