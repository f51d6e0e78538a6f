using System.Security.Claims;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;

namespace Catalog.Api.Admin;

/// <summary>
/// The shape every admin route on one job shares (the admin key is checked by the route's policy): the job UUID from
/// the path, the command with the admin as its actor, the job service, the answer.
/// </summary>
public static class AdminJobCommand
{
    public static async Task<(JobOutcome? Outcome, IResult? Problem)> RunAsync(string uuid, ClaimsPrincipal user, JobService jobs,
        Func<string, JobCommand> command, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return (null, badUuid);
        }
        return (await jobs.HandleAsync(jobUuid!, command(user.Actor()), JobCaller.Admin, null, cancellationToken), null);
    }

    /// <summary>Runs the command and answers as the contract says for a recorded or refused command.</summary>
    public static async Task<IResult> AnswerAsync(string uuid, ClaimsPrincipal user, JobService jobs, Func<string, JobCommand> command,
        CancellationToken cancellationToken)
    {
        var (outcome, problem) = await RunAsync(uuid, user, jobs, command, cancellationToken);
        return problem ?? JobAnswers.From(outcome!, uuid.ToLowerInvariant());
    }
}
