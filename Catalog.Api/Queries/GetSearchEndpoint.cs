using Catalog.Api.Operations;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Queries;

public static class GetSearchEndpoint
{
    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    /// <summary>
    /// A page of the jobs, files, pipelines and named lineage nodes whose names, paths, identifiers, tags, labels or notes
    /// match <c>q</c>, best first; <c>type</c> keeps one kind.
    /// </summary>
    [WolverineGet("/api/v1/search", OperationId = "search")]
    [Tags("Search")]
    [EndpointSummary("Search")]
    [EndpointDescription("Finds jobs (by the identifiers they were created for, tags, labels, notes, owner, pipeline name), files (path, file id), pipelines (name, id, description) and datasets (named lineage nodes: the measurements, samples and experiments jobs were created for) by whole words and by trigrams, so fragments and small typos match too. Each hit is `{type, uuid, label, matched, score, href}`: `matched` names the field that matched best; `score` is 2 for an exact identifier (a UUID, canonical identifier, file id, path or pipeline id), else up to 1.5. Best first, paged with `limit` and `after`. Open to read; hidden jobs and their files only for admins with `include_deleted=true`.")]
    [ReadsQuery("q", "type", "include_deleted", "limit", "after")]
    public static async Task<Results<JsonOk<SearchPageShape>, UnprocessableProblem>> Get(Visibility visibility, HttpRequest request,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var query = request.Query;
        var (search, errors) = SearchRequest.Parse(query["q"], query["type"], query["limit"], query["after"]);
        if (search is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var page = await new SearchQueries(database.DataSource).SearchAsync(search, visibility.IncludeDeleted, cancellationToken);
        return new JsonOk<SearchPageShape>(page.ToJson());
    }
}
