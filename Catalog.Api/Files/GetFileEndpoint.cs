using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Identifiers;
using Catalog.Core.Projections.Files;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Files;

public static class GetFileEndpoint
{
    /// <summary>An indexed file's record; files of hidden jobs only for admins asking with <c>?include_deleted=true</c>.</summary>
    [WolverineGet("/api/v1/files/{uuid}")]
    public static async Task<IResult> Get(string uuid, HttpRequest request, CatalogDatabase database,
        CancellationToken cancellationToken)
    {
        if (!TypedUuid.TryParse(uuid, out var fileUuid) || UuidType.Classify(fileUuid) != UuidType.File)
        {
            return Problems.Unprocessable($"'{JobRequests.Clip(uuid)}' is not a file UUID (a UUID whose first three digits are 105).");
        }
        var (includeDeleted, denied) = await QueryAccess.IncludeDeletedAsync(request);
        if (denied is not null)
        {
            return denied;
        }
        var file = await new FileQueries(database.DataSource).GetAsync(fileUuid, includeDeleted, cancellationToken);
        return file is null ? Problems.NotFound($"No indexed file {fileUuid}.") : JobAnswers.Json(file);
    }
}
