using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Admin;

public static class DeleteJobEndpoint
{
    /// <summary>Admin: hides the job from queries and refuses its events until undeleted (204).</summary>
    [WolverineDelete("/api/v1/jobs/{uuid}")]
    public static async Task<IResult> Delete(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CancellationToken cancellationToken)
    {
        var (actor, denied) = AdminCall.Check(request, keys);
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if ((denied ?? badUuid) is { } problem)
        {
            return problem;
        }
        var outcome = await jobs.HandleAsync(jobUuid!, new JobCommand.Hide(actor), true, null, null, cancellationToken);
        return outcome.Kind is JobOutcomeKind.Appended or JobOutcomeKind.Unchanged ? Results.NoContent() : JobAnswers.From(outcome, jobUuid!);
    }
}
