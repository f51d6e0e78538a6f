using Catalog.Core.Reactor;

namespace Catalog.Api.Operations;

/// <summary>Runs the system reactor (deadlines, retention) once the schema is in place.</summary>
public sealed class SystemReactorService(SystemReactor reactor, CatalogDatabase database) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Configured)
        {
            return;
        }
        await database.SchemaApplied.WaitAsync(stoppingToken);
        await reactor.RunAsync(stoppingToken);
    }
}
