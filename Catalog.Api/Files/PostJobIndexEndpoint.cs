using Catalog.Api.Operations;
using Catalog.Core.EventStore;
using Catalog.Core.Indexing;
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
    public static async Task<IResult> Post(string uuid, HttpRequest request, JobService jobs, ApiKeys keys, CatalogDatabase database,
        CatalogSettings settings, ILogger<IndexingService> logger, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        var role = keys.Resolve(request.Headers.Authorization.ToString());
        if (role == CallerRole.Invalid)
        {
            return Problems.Unauthorized("The bearer key is not valid.");
        }
        var (json, badJson) = await JsonBody.ReadAsync(request, cancellationToken);
        var (body, badBody) = badJson is null ? IndexBody.Parse(json) : (null, badJson);
        if (badBody is not null)
        {
            return badBody;
        }
        var indexing = new IndexingService(jobs, database.DataSource, settings.StorageRoot, logger);
        var outcome = await indexing.IndexAsync(jobUuid!, body!.Filters, body.Level, body.Fixity, role == CallerRole.Admin,
            JobRequests.Token(request, json as JObject), cancellationToken);
        return IndexAnswers.From(outcome, jobUuid!);
    }
}
