using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Projections.Files;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Files;

public static class GetFileEndpoint
{
    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    public static Task<(FileReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> ValidateAsync(string uuid,
        Visibility visibility, CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.FileAsync(uuid, visibility.IncludeDeleted, database, cancellationToken);

    /// <summary>An indexed file's record; files of hidden jobs only for admins asking with <c>?include_deleted=true</c>.</summary>
    [WolverineGet("/api/v1/files/{uuid}", OperationId = "getFile")]
    [Tags("Lineage and files")]
    [EndpointSummary("An indexed file")]
    [EndpointDescription("An indexed file's record. Open to read; files of hidden jobs only for admins with `include_deleted=true`.")]
    [ReadsQuery("include_deleted")]
    public static async Task<Results<JsonOk<FileRecordShape>, NotFoundProblem>> Get(FileReference file, Visibility visibility,
        CatalogDatabase database, CancellationToken cancellationToken)
    {
        var record = await new FileQueries(database.DataSource).GetAsync(file.Value, visibility.IncludeDeleted, cancellationToken);
        return record is null ? Problems.NotFound($"No indexed file {file}.") : new JsonOk<FileRecordShape>(record);
    }
}
