using Catalog.Core.Projections;
using Npgsql;

namespace Catalog.Tests.Projections;

/// <summary>A daemon running in the background for one test; disposing stops it and checks that it stopped cleanly.</summary>
public sealed class DaemonRun : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private DaemonRun(ProjectionDaemon daemon, RecordingLogger logger, CancellationTokenSource cancellation)
    {
        Daemon = daemon;
        Logger = logger;
        Cancellation = cancellation;
        Task = Task.Run(() => daemon.RunAsync(Cancellation.Token));
    }

    public ProjectionDaemon Daemon { get; }

    public RecordingLogger Logger { get; }

    public CancellationTokenSource Cancellation { get; }

    public Task Task { get; }

    /// <summary>Starts a daemon over one projection; <paramref name="cancellation"/> lets a projection stop its own run.</summary>
    public static DaemonRun Start(NpgsqlDataSource dataSource, IProjection projection, ProjectionDaemonOptions options,
        CancellationTokenSource? cancellation = null)
    {
        var logger = new RecordingLogger();
        return new DaemonRun(new ProjectionDaemon(dataSource, [projection], logger, options), logger, cancellation ?? new CancellationTokenSource());
    }

    /// <summary>Cancels the run and waits for <see cref="ProjectionDaemon.RunAsync"/> to return without an exception.</summary>
    public async Task StopAsync()
    {
        await Cancellation.CancelAsync();
        await Task.WaitAsync(StopTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Task.IsCompleted)
        {
            await StopAsync();
        }
        Cancellation.Dispose();
    }
}
