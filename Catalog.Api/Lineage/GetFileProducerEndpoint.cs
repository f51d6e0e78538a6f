using Catalog.Api.Operations;
using Catalog.Core.Identifiers;
using Catalog.Core.Queries;
using Wolverine.Http;

namespace Catalog.Api.Lineage;

public static class GetFileProducerEndpoint
{
    /// <summary>The job that generated a file (an empty list when no visible job did).</summary>
    [WolverineGet("/api/v1/files/{uuid}/producer")]
    public static async Task<IResult> Get(string uuid, CatalogDatabase database, CancellationToken cancellationToken)
    {
        var (fileUuid, problem) = LineageAnswers.Typed(uuid, UuidType.File);
        if (problem is not null)
        {
            return problem;
        }
        return LineageAnswers.Items(await new LineageQueries(database.DataSource).ProducerOfAsync(fileUuid!, cancellationToken));
    }
}
