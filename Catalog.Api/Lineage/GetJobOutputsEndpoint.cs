using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetJobOutputsEndpoint
{
    public static Task<(JobReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> LoadAsync(string uuid,
        CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.JobAsync(uuid, includeHidden: false, database, cancellationToken);

    /// <summary>The files a job generated, as recorded by indexing.</summary>
    [WolverineGet("/api/v1/jobs/{uuid}/outputs", OperationId = "getJobOutputs")]
    [Tags("Lineage and files")]
    [EndpointSummary("Files a job generated")]
    [EndpointDescription("The files a job generated, as recorded by indexing (an empty list when none); 404 for a job the catalog does not know. Open to read.")]
    [ReadsQuery]
    public static async Task<Results<JsonOk<LineageNodeListShape>, NotFoundProblem>> Get(JobReference job, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        var lineage = new LineageQueries(database.DataSource);
        return await lineage.IsKnownAsync(job.Value, cancellationToken)
            ? LineageAnswers.Items<LineageNodeListShape>(await lineage.OutputsOfAsync(job.Value, cancellationToken))
            : Problems.NotFound($"No job {job}.");
    }
}
