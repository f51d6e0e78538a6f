using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Files;

/// <summary>The job to index, loaded from its stream, and who indexes it.</summary>
public sealed record IndexingCall(JobState Job, JobCaller Caller) : IFromStep;

public static class PostJobIndexEndpoint
{
    public static (JobUuid?, UnprocessableProblem?) Before(string uuid) => JobUuid.Read(uuid);

    /// <summary>A bearer key, when one is sent, must be valid.</summary>
    public static Task<UnauthorizedProblem?> BeforeAsync(HttpContext context) => CatalogAccess.KeyProblemAsync(context);

    public static Task<(IndexBody?, BodyProblem?)> LoadAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestBody.ReadAsync<IndexBody>(request, cancellationToken);

    /// <summary>The job from its stream, and one job token that is its current one (or an admin key).</summary>
    public static async Task<(IndexingCall?, Results<UnauthorizedProblem, NotFoundProblem>?)> ValidateAsync(JobUuid job, IndexBody body,
        HttpContext context, JobService jobs, CancellationToken cancellationToken)
    {
        var (token, conflicting) = TokenSources.Read(context.Request, body.Token, firstWins: false);
        if (conflicting)
        {
            return (null, Problems.Unauthorized(Problems.TwoTokens));
        }
        var state = await jobs.LoadAsync(job.Value, cancellationToken);
        if (!state.Exists)
        {
            return (null, Problems.NotFound($"No job {job}."));
        }
        var (caller, unauthorized) = await CatalogAccess.JobCallerAsync(context, state, token);
        return caller is null ? (null, unauthorized!) : (new IndexingCall(state, caller), null);
    }

    /// <summary>
    /// Indexes the job's archive folder (job token or admin key): <c>index</c>, the matching files recorded, then
    /// <c>indexed</c>; answers the state and the files. Nothing is recorded when the request is not usable.
    /// </summary>
    [WolverinePost("/api/v1/jobs/{uuid}/index", OperationId = "indexJob")]
    [Tags("Lineage and files")]
    [EndpointSummary("Index a job's archive folder")]
    [EndpointDescription("Job token (body `token`, `?token=` or `X-Catalog-Token`) or admin key. Records the event `index`, the files matching the filters, then `indexed`; nothing is recorded when the request is not usable.")]
    public static async Task<Results<JsonOk<IndexAnswerShape>, ConflictProblem, UnprocessableProblem, UnauthorizedProblem, NotFoundProblem>> Post(
        JobUuid job, IndexBody body, IndexingCall call, IndexingService indexing, CancellationToken cancellationToken) =>
        IndexAnswers.From(await indexing.IndexAsync(call.Job, call.Caller, body.Filters, body.Level, body.Fixity, cancellationToken), job.Value);
}
