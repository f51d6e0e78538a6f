using Npgsql;
using Wolverine.Http;

namespace Catalog.Api.Operations;

public static class GetHealthEndpoint
{
    [WolverineGet("/health")]
    public static async Task<IResult> Get(CatalogDatabase database, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!database.Configured)
        {
            return Unavailable(response, "No database is configured: set CATALOG_DB.");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var command = database.DataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return Unavailable(response, $"The database does not answer: {ex.Message}");
        }
        return database.SchemaReady
            ? Results.Json(new { status = "ok" })
            : Unavailable(response, "The database answers but the schema is still being applied.");
    }

    private static IResult Unavailable(HttpResponse response, string detail)
    {
        response.Headers.RetryAfter = "5";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: detail);
    }
}
