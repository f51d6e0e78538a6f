using OpenTelemetry.Metrics;

namespace Catalog.Api.Operations;

/// <summary>
/// Builds the metrics pipeline beside the host's start rather than before it: OpenTelemetry's own hosted service
/// builds it inside the start (a fifth of a second here, before the server listens). This one begins when the start
/// begins and waits for it only once everything else has started (the server is listening by then), so the host reports
/// started with the pipeline ready and nothing served is left uncounted.
/// </summary>
public sealed class MetricsPipelineStart(IServiceProvider services) : IHostedLifecycleService
{
    private Task _built = Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _built = Task.Run(() => services.GetRequiredService<MeterProvider>(), cancellationToken);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => _built.WaitAsync(cancellationToken);

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Puts this in place of OpenTelemetry's hosted service, which would hold the start while it builds.</summary>
    public static void Replace(IServiceCollection services)
    {
        foreach (var telemetryStart in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationType?.FullName == "OpenTelemetry.Extensions.Hosting.Implementation.TelemetryHostedService").ToList())
        {
            services.Remove(telemetryStart);
        }
        services.AddHostedService<MetricsPipelineStart>();
    }
}
