using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.Groups;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Groups;

public static class PostGroupMembersEndpoint
{
    public static (GroupUuid?, UnprocessableProblem?) Before(string uuid) => GroupUuid.Read(uuid);

    public static Task<(MembersBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<MembersBody>(request, cancellationToken);

    /// <summary>
    /// Adds existing jobs to the group: listed in the group's stream first (its order), then recorded in each job's
    /// stream (<c>job.joined_group</c>), so a repeat of a request cut short completes it.
    /// </summary>
    [WolverinePost("/api/v1/groups/{uuid}/members", OperationId = "addGroupMembers")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    [Tags("Groups")]
    [EndpointSummary("Add jobs to a group")]
    [EndpointDescription("Agent or admin key. Adds existing, visible jobs after the group's members, in the order given (jobs already in it keep their place); each job records the membership in its own history and becomes a lineage edge `member_of`. A job belongs to one group: a job of another group is a 409 naming it; an unknown job is a 422. Answers the group.")]
    public static async Task<Results<JsonOk<GroupShape>, ConflictProblem, UnprocessableProblem, NotFoundProblem>> Post(GroupUuid group,
        MembersBody body, ClaimsPrincipal user, GroupService groups, JobService jobs, CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (await groups.LoadAsync(group.Value, cancellationToken) is not { Exists: true })
        {
            return Problems.NotFound($"No group {group}.");
        }
        var unknown = new List<string>();
        var elsewhere = new List<string>();
        for (var i = 0; i < body.Jobs.Count; i++)
        {
            var job = await jobs.LoadAsync(body.Jobs[i], cancellationToken);
            if (job is not { Exists: true, Deleted: false })
            {
                unknown.Add($"jobs[{i}]: no job {body.Jobs[i]}.");
            }
            else if (job.Group is { } other && other != group.Value)
            {
                elsewhere.Add($"jobs[{i}]: job {body.Jobs[i]} is a member of group {other}; a job belongs to one group.");
            }
        }
        if (unknown.Count > 0)
        {
            return Problems.Unprocessable("Only existing jobs can join a group.", unknown);
        }
        if (elsewhere.Count > 0)
        {
            return Problems.Conflict(string.Join(" ", elsewhere), new Dictionary<string, object?> { ["errors"] = elsewhere });
        }
        var actor = JobActor.Parse(user.Actor());
        var listed = await groups.HandleAsync(group.Value, new GroupCommand.AddMembers(body.Jobs), actor, cancellationToken);
        if (listed.Rejection is { } rejection)
        {
            return rejection.NotFound ? Problems.NotFound(rejection.Message) : Problems.Conflict(rejection.Message);
        }
        if (listed.Unstorable is { } problem)
        {
            return Problems.Unprocessable($"The request cannot be stored: {problem}. Nothing was recorded.");
        }
        var refused = new List<string>();
        foreach (var job in body.Jobs)
        {
            var joined = await jobs.HandleAsync(job, new JobCommand.Join(group.Value), JobCaller.AdminAs(actor), null, cancellationToken);
            if (!JobAnswers.Succeeded(joined))
            {
                refused.Add($"job {job}: {joined.Rejection?.Message ?? "not recorded"}");
            }
        }
        if (refused.Count > 0)
        {
            // Another request moved these jobs meanwhile; the group lists them but does not count them as members.
            return Problems.Conflict(string.Join(" ", refused), new Dictionary<string, object?> { ["errors"] = refused });
        }
        return new JsonOk<GroupShape>((await new GroupQueries(database.DataSource).GetAsync(group.Value, includeDeleted: false, cancellationToken))!);
    }
}
