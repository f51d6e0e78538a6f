using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Catalog.Api.Admin;

/// <summary>
/// The pattern every admin route on one job follows (the admin key is checked by the route's policy, the job UUID by
/// its <c>Before</c> step): the command with the admin as its actor, the job service, the answer.
/// </summary>
public static class AdminJobCommand
{
    public static Task<JobOutcome> RunAsync(JobUuid job, ClaimsPrincipal user, JobService jobs, Func<string, JobCommand> command,
        string? reason, CancellationToken cancellationToken) =>
        jobs.HandleAsync(job.Value, command(user.Actor()) with { Reason = reason }, JobCaller.AdminAs(JobActor.Parse(user.Actor())), null, cancellationToken);

    /// <summary>Runs the command (with the route's <c>?reason=</c>) and answers as the contract says for a recorded or refused command.</summary>
    public static async Task<Results<JsonOk<EventAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> AnswerAsync(
        JobUuid job, ClaimsPrincipal user, HttpRequest request, JobService jobs, Func<string, JobCommand> command, CancellationToken cancellationToken)
    {
        var (reason, problem) = AdminReason.Read(request);
        return problem ?? JobAnswers.From<EventAnswerShape>(await RunAsync(job, user, jobs, command, reason, cancellationToken), job.Value);
    }
}
