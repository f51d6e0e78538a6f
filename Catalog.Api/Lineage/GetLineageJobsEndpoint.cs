using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetLineageJobsEndpoint
{
    /// <summary>The jobs that are child_of a measurement, sample or experiment (typed UUID or canonical identifier).</summary>
    [WolverineGet("/api/v1/lineage/{uuid}/jobs")]
    public static async Task<IResult> Get(string uuid, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (node, problem) = LineageAnswers.Node(uuid);
        if (problem is not null)
        {
            return problem;
        }
        return LineageAnswers.Items(await new LineageQueries(database.DataSource).JobsOfAsync(node!, cancellationToken));
    }
}
