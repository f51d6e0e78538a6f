using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetPipelinesEndpoint
{
    /// <summary>A page of pipeline documents in registration order.</summary>
    [WolverineGet("/api/v1/pipelines")]
    public static async Task<IResult> Get(HttpRequest request, CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (QueryAccess.Unknown(request, "limit", "after") is { } unknown)
        {
            return unknown;
        }
        var (page, errors) = QueryParameters.Page(request.Query["limit"], request.Query["after"], PipelineQueries.List, timed: true);
        if (page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var pipelines = await new PipelineQueries(database.DataSource).ListAsync(page, cancellationToken);
        return JobAnswers.Json(pipelines.ToJson());
    }
}
