using Catalog.Core.EventStore;

namespace Catalog.Api.Operations;

/// <summary>
/// Applies the schema at start-up, before the first request when the database answers; while it does not, keeps
/// trying in the background (health says 503 meanwhile) instead of crashing the host.
/// </summary>
public sealed class SchemaMigrationService(CatalogDatabase database, ILogger<SchemaMigrationService> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.Configured)
        {
            logger.LogWarning("CATALOG_DB is not set: only the preview endpoint answers; /health says 503");
            return;
        }
        await TryMigrateAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!database.SchemaReady && !stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(delay, stoppingToken);
            // At most a second between tries: the catalog serves within a second of the database's return.
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            await TryMigrateAsync(stoppingToken);
        }
    }

    private async Task TryMigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            var applied = await SchemaMigrator.MigrateAsync(database.DataSource, cancellationToken);
            database.MarkSchemaReady();
            logger.LogInformation("Schema ready ({Applied} scripts applied now)", applied.Count);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            logger.LogWarning("Database not reachable, will retry: {Message}", ex.Message);
        }
    }
}
