using Catalog.Api.Operations;
using Catalog.Api.Queries;
using Catalog.Core.Projections;
using Catalog.Core.Projections.Files;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Catalog.Api.Files;

public static class GetJobFilesEndpoint
{
    private static readonly TimeSpan CatchUp = TimeSpan.FromSeconds(2);

    public static Task<(Visibility?, Results<UnprocessableProblem, AccessProblem>?)> LoadAsync(HttpContext context) =>
        QueryAccess.VisibilityAsync(context);

    public static Task<(JobReference?, Results<UnprocessableProblem, NotFoundProblem, ConflictProblem>?)> ValidateAsync(string uuid,
        Visibility visibility, CatalogDatabase database, CancellationToken cancellationToken) =>
        RouteNodes.JobAsync(uuid, visibility.IncludeDeleted, database, cancellationToken);

    /// <summary>
    /// A page of the files the job indexed, by name. Waits briefly for the files projection to reach the job's last
    /// event, so a list asked for right after indexing shows it; if it lags longer, the table as it is.
    /// </summary>
    [WolverineGet("/api/v1/jobs/{uuid}/files", OperationId = "listJobFiles")]
    [Tags("Lineage and files")]
    [EndpointSummary("Files a job indexed")]
    [EndpointDescription("A page of the files the job indexed, by name. Open to read; files of hidden jobs only for admins with `include_deleted=true`.")]
    [ReadsQuery("include_deleted", "limit", "after")]
    public static async Task<Results<JsonOk<FilePageShape>, UnprocessableProblem, NotFoundProblem>> Get(JobReference job, Visibility visibility,
        HttpRequest request, CatalogDatabase database, ProjectionDaemon daemon, CancellationToken cancellationToken)
    {
        var (page, errors) = QueryParameters.Page(request.Query["limit"], request.Query["after"], FileQueries.List, timed: true);
        if (page is null)
        {
            return QueryAccess.Invalid(errors);
        }
        var files = new FileQueries(database.DataSource);
        if (await files.LastPositionAsync(job.Value, cancellationToken) is { } position)
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
        var list = await files.ListAsync(job.Value, visibility.IncludeDeleted, page, cancellationToken);
        return list is null ? Problems.NotFound($"No job {job}.") : new JsonOk<FilePageShape>(list.ToJson());
    }
}
