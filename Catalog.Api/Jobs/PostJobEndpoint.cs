using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.Groups;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Pipelines;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Jobs;

public static class PostJobEndpoint
{
    public static Task<(JobBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<JobBody>(request, cancellationToken);

    /// <summary>
    /// Creates a job (201) or attaches to the existing one with the same UUID (200); answers its document, token and
    /// webhook. A hidden job is not found for agents (as for GET), so they get neither its document nor its token.
    /// </summary>
    [WolverinePost("/api/v1/jobs", OperationId = "createJob")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    [Tags("Jobs")]
    [EndpointSummary("Create a job")]
    [EndpointDescription("Agent or admin key. Creates the job (201, first event `create`, state CREATED) or answers the existing job with the same UUID unchanged (200, no event, `attached: true`, and `ignored_changes` naming the catalog fields (`owner`, `notes`, `tags`, `labels`, `max_wall_time`, `auto_delete`, `completion_ttl`, `depends_on`, `group`) given with values other than the job's). A new job given a `group` is listed in it before it is created (422 when there is no such group). The answer carries the job's `token` and `webhook`.")]
    public static async Task<Results<JsonCreated<JobCreatedShape>, JsonOk<JobCreatedShape>, UnprocessableProblem, NotFoundProblem>> Post(
        JobBody body, HttpRequest request, ClaimsPrincipal user, JobService jobs, GroupService groups, JobTokenSecret secret, PipelineStore pipelines,
        CatalogDatabase database, CatalogSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var job = body.Request;
        var (preview, error) = JobPlanner.Preview(job, clock.GetUtcNow().UtcDateTime, SessionNames.Next);
        if (preview is null)
        {
            return Problems.Unprocessable("The job spec cannot be resolved.", [error!]);
        }
        if (!await pipelines.ExistsAsync(preview.PipelineUuid, cancellationToken))
        {
            return Problems.NotFound($"No pipeline {job.PipelineUuid} is registered; register it with POST /api/v1/pipelines first.");
        }
        if (await JobCreation.DependencyProblemsAsync(job, preview, jobs, cancellationToken) is { Count: > 0 } dependencyProblems)
        {
            return Problems.Unprocessable("The job's dependencies cannot be used.", dependencyProblems);
        }
        var spec = JobCreation.Spec(job, preview);
        var actor = JobActor.Parse(user.Actor());
        if (job.Group is { } group && await JobCreation.JoinFirstAsync(spec, group, actor, jobs, groups, cancellationToken) is { } groupProblem)
        {
            return groupProblem;
        }
        var outcome = await jobs.CreateOrAttachAsync(spec, cancellationToken, actor);
        if (outcome.Kind == JobOutcomeKind.Unstorable)
        {
            return JobAnswers.Unstorable(outcome);
        }
        var state = outcome.State!;
        if (state.Deleted && !user.IsAdmin())
        {
            return Problems.NotFound($"Job {preview.Uuid} was deleted; only an admin can see it or undelete it.");
        }
        var created = outcome.Kind == JobOutcomeKind.Appended;
        var token = (await secret.TokensAsync(cancellationToken)).For(preview.Uuid, state.Incarnation, state.TokenGeneration);
        var baseUrl = settings.PublicUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        var document = await JobCreation.DocumentAsync(database.DataSource, state, cancellationToken);
        var ignored = created ? [] : JobCreation.IgnoredChanges(spec, state.Spec! with { Group = state.Group }, job.Given);
        var answer = JobCreation.Answer(document, token, JobCreation.Webhook(baseUrl, preview.Uuid, token), !created, ignored);
        return created ? new JsonCreated<JobCreatedShape>(answer, $"/api/v1/jobs/{preview.Uuid}") : new JsonOk<JobCreatedShape>(answer);
    }
}
