using Catalog.Core.Operations;

namespace Catalog.Api.Operations;

/// <summary>
/// Resumes the bulk operations a stop cut short, once the schema is in place, and hands new ones the host's stopping
/// token (an operation stopped with the host is resumed by the next start).
/// </summary>
public sealed class BulkOperationsService(BulkOperations operations, CatalogDatabase database) : BackgroundService
{
    private readonly TaskCompletionSource<CancellationToken> _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The host's stopping token, once the service runs.</summary>
    public Task<CancellationToken> StoppingAsync => _stopping.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping.TrySetResult(stoppingToken);
        if (!database.Configured)
        {
            return;
        }
        await database.SchemaApplied.WaitAsync(stoppingToken);
        await operations.ResumeAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await operations.WhenIdleAsync().WaitAsync(cancellationToken);
    }
}
