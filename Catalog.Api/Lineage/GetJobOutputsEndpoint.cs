using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetJobOutputsEndpoint
{
    /// <summary>The files a job generated, as recorded by indexing.</summary>
    [WolverineGet("/api/v1/jobs/{uuid}/outputs")]
    public static async Task<IResult> Get(string uuid, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (jobUuid, problem) = JobRequests.JobUuid(uuid);
        if (problem is not null)
        {
            return problem;
        }
        return LineageAnswers.Items(await new LineageQueries(database.DataSource).OutputsOfAsync(jobUuid!, cancellationToken));
    }
}
