using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Microsoft.AspNetCore.Http.HttpResults;
using Newtonsoft.Json.Linq;
using Npgsql;
using Wolverine.Http;

namespace Catalog.Api.Operations;

public static class GetHealthEndpoint
{
    [WolverineGet("/health", OperationId = "getHealth")]
    [Tags("Operations")]
    [EndpointSummary("Liveness and database check")]
    [EndpointDescription("200 when the database answers and the schema is applied; 503 (with `Retry-After`) otherwise.")]
    public static async Task<Results<JsonOk<HealthShape>, UnavailableProblem>> Get(CatalogDatabase database, CancellationToken cancellationToken)
    {
        if (!database.Configured)
        {
            return new UnavailableProblem("No database is configured: set CATALOG_DB.");
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
            return new UnavailableProblem($"The database does not answer: {ex.Message}");
        }
        return database.SchemaReady
            ? new JsonOk<HealthShape>(new JObject { ["status"] = "ok" })
            : new UnavailableProblem("The database answers but the schema is still being applied.");
    }
}
