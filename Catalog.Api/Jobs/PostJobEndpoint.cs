using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Core.Pipelines;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Jobs;

public static class PostJobEndpoint
{
    /// <summary>Creates a job (201) or attaches to the existing one with the same UUID (200); answers its token and webhook.</summary>
    [WolverinePost("/api/v1/jobs")]
    public static async Task<IResult> Post(HttpRequest request, JobService jobs, PipelineStore pipelines, ApiKeys keys,
        CatalogSettings settings, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Problems.RequireAgent(keys.Resolve(request.Headers.Authorization.ToString())) is { } denied)
        {
            return denied;
        }
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
        var (document, created) = await jobs.CreateOrAttachAsync(JobCreation.Spec(job, preview), cancellationToken);
        var token = created
            ? await jobs.NewJobTokenAsync(preview.Uuid, cancellationToken)
            : (await jobs.TokenAsync(preview.Uuid, cancellationToken))!;
        var baseUrl = settings.PublicUrl ?? $"{request.Scheme}://{request.Host}{request.PathBase}";
        if (created)
        {
            request.HttpContext.Response.Headers.Location = $"/api/v1/jobs/{preview.Uuid}";
        }
        return JobAnswers.Json(JobCreation.Answer(document, token, JobCreation.Webhook(baseUrl, preview.Uuid, token)),
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }
}
