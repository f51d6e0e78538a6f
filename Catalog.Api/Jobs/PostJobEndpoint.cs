using System.Security.Claims;
using Catalog.Api.Operations;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Pipelines;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Catalog.Api.Jobs;

public static class PostJobEndpoint
{
    /// <summary>
    /// Creates a job (201) or attaches to the existing one with the same UUID (200); answers its document, token and
    /// webhook. A hidden job is not found for agents (as for GET), so they get neither its document nor its token.
    /// </summary>
    [WolverinePost("/api/v1/jobs")]
    [Authorize(Policy = CatalogPolicies.Agent)]
    public static async Task<IResult> Post(HttpRequest request, ClaimsPrincipal user, JobService jobs, JobTokenSecret secret,
        PipelineStore pipelines, CatalogDatabase database, CatalogSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var (job, errors) = JobRequest.Parse(body);
        if (job is null)
        {
            return Problems.Unprocessable("The job spec is malformed.", errors);
        }
        if (StorableJson.FirstNonFinite(job.Data, "data") is { } path)
        {
            return Problems.Unprocessable($"{path}: NaN and Infinity cannot be stored; send a number or a string.");
        }
        var (preview, error) = JobPlanner.Preview(job, clock.GetUtcNow().UtcDateTime, SessionNames.Next);
        if (preview is null)
        {
            return Problems.Unprocessable("The job spec cannot be resolved.", [error!]);
        }
        if (!await pipelines.ExistsAsync(preview.PipelineUuid, cancellationToken))
        {
            return Problems.NotFound($"No pipeline {job.PipelineUuid} is registered; register it with POST /api/v1/pipelines first.");
        }
        var outcome = await jobs.CreateOrAttachAsync(JobCreation.Spec(job, preview), cancellationToken);
        if (outcome.Kind == JobOutcomeKind.Unstorable)
        {
            return JobAnswers.From(outcome, preview.Uuid);
        }
        var state = outcome.State!;
        if (state.Deleted && !user.IsAdmin())
        {
            return Problems.NotFound($"Job {preview.Uuid} was deleted; only an admin can see it or undelete it.");
        }
        var created = outcome.Kind == JobOutcomeKind.Appended;
        var token = (await secret.TokensAsync(cancellationToken)).For(preview.Uuid, state.Incarnation, state.TokenGeneration);
        var baseUrl = settings.PublicUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        if (created)
        {
            request.HttpContext.Response.Headers.Location = $"/api/v1/jobs/{preview.Uuid}";
        }
        var document = await JobCreation.DocumentAsync(database.DataSource, state, cancellationToken);
        return JobAnswers.Json(JobCreation.Answer(document, token, JobCreation.Webhook(baseUrl, preview.Uuid, token), !created),
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
