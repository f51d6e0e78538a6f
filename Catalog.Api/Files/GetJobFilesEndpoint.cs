using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Files;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Wolverine.Http;

namespace Catalog.Api.Files;

public static class GetJobFilesEndpoint
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A page of the files the job indexed, by name. Waits briefly for the files projection to reach the job's last
    /// event, so a list asked for right after indexing shows it; if it lags longer, the table as it is.
    /// </summary>
    [WolverineGet("/api/v1/jobs/{uuid}/files")]
    public static async Task<IResult> Get(string uuid, HttpRequest request, CatalogDatabase database,
        ProjectionDaemon daemon, CancellationToken cancellationToken)
    {
        var (jobUuid, badUuid) = JobRequests.JobUuid(uuid);
        if (badUuid is not null)
        {
            return badUuid;
        }
        if (QueryAccess.Unknown(request, "include_deleted", "limit", "after") is { } unknown)
        {
            return unknown;
        }
        var (includeDeleted, denied) = await QueryAccess.IncludeDeletedAsync(request);
        var (page, errors) = QueryParameters.Page(request.Query["limit"], request.Query["after"], FileQueries.List, timed: true);
        if (denied is not null || page is null)
        {
            return denied ?? QueryAccess.Invalid(errors);
        }
        var files = new FileQueries(database.DataSource);
        if (await files.LastPositionAsync(jobUuid!, cancellationToken) is { } position)
        {
            try
            {
                await daemon.WaitForPositionAsync(FilesProjection.ProjectionName, position, CatchUp, cancellationToken);
            }
            catch (Exception lagging) when (lagging is TimeoutException or InvalidOperationException)
            {
                // Lagging or faulted: the rows there are are still the best answer.
            }
        }
        var list = await files.ListAsync(jobUuid!, includeDeleted, page, cancellationToken);
        return list is null ? Problems.NotFound($"No job {jobUuid}.") : JobAnswers.Json(list.ToJson());
    }
}
