using Catalog.Core.Projections;

namespace Catalog.Api.Operations;

/// <summary>Runs the asynchronous projections once the schema is in place.</summary>
public sealed class ProjectionDaemonService(ProjectionDaemon daemon, CatalogDatabase database) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Configured)
        {
            return;
        }
        await database.SchemaApplied.WaitAsync(stoppingToken);
        await daemon.RunAsync(stoppingToken);
    }
}
