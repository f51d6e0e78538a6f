using Catalog.Core.Indexing;
using Catalog.Core.JobCommands;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;
using Wolverine.Http;

namespace Catalog.Api.Files;

public static class PostJobIndexEndpoint
{
    /// <summary>
    /// Indexes the job's archive folder (job token or admin key): <c>index</c>, the matching files recorded, then
    /// <c>indexed</c>; answers the state and the files. Nothing is recorded when the request is not usable.
    /// </summary>
    [WolverinePost("/api/v1/jobs/{uuid}/index")]
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, IndexingService indexing, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if ((badUuid ?? await CatalogAccess.KeyProblemAsync(request.HttpContext)) is { } refused)
        {
            return refused;
        }
        var (json, badJson) = await JsonBody.ReadAsync(request, cancellationToken);
        var (body, badBody) = badJson is null ? IndexBody.Parse(json) : (null, badJson);
        if (badBody is not null)
        {
            return badBody;
        }
        var (token, conflicting) = TokenSources.Read(request, json as JObject, firstWins: false);
        if (conflicting)
        {
            return Problems.Unauthorized("Two different job tokens were sent (body 'token', '?token=', 'X-Catalog-Token'); send one.");
        }
        var job = await jobs.LoadAsync(jobUuid!, cancellationToken);
        if (!job.Exists)
        {
            return Problems.NotFound($"No job {jobUuid}.");
        }
        var (caller, unauthorized) = await CatalogAccess.JobCallerAsync(request.HttpContext, job, token);
        if (caller is null)
        {
            return unauthorized!;
        }
        var outcome = await indexing.IndexAsync(job, caller, body!.Filters, body.Level, body.Fixity, cancellationToken);
        return IndexAnswers.From(outcome, jobUuid!);
    }
}
