using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetJobEndpoint
{
    /// <summary>The job document with its history; hidden jobs only for admins asking with <c>?include_deleted=true</c>.</summary>
    [WolverineGet("/api/v1/jobs/{uuid}")]
    public static async Task<IResult> Get(string uuid, HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        var (includeDeleted, denied) = await QueryAccess.IncludeDeletedAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        var document = await new JobQueries(database.DataSource).GetAsync(jobUuid!, includeDeleted, cancellationToken);
        return document is null ? Problems.NotFound($"No job {jobUuid}.") : JobAnswers.Json(document);
    }
}
