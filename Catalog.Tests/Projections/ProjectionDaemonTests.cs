using Catalog.Core.Projections;
using Catalog.Tests.EventStore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Catalog.Tests.Projections;

/// <summary>
/// Each test has its own projection and table over the class's shared log; a projection starts at position 0, so it
/// must end with exactly one row per event in the whole log.
/// </summary>
[Trait("Category", "Database")]
public sealed class ProjectionDaemonTests(EventStoreDatabase database) : IClassFixture<EventStoreDatabase>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private NpgsqlDataSource DataSource => database.DataSource;

    [Fact]
    public async Task Given_appended_events_when_the_daemon_runs_then_it_catches_up_with_one_row_per_event()
    {
        var projection = await NewProjectionAsync("catch_up");
        var head = await TestEvents.AppendManyAsync(database.Store, 120, "catch-up");
        await using var run = DaemonRun.Start(DataSource, projection, Options(batchSize: 25));

        await run.Daemon.WaitForPositionAsync(head, Deadline, CancellationToken.None);

        await AssertRowsAreTheLogUpToAsync(projection.Name, head);
        var status = Assert.Single(await run.Daemon.GetStatusAsync(CancellationToken.None));
        Assert.Equal((projection.Name, head, head, ProjectionStatus.Running, 0L), (status.Name, status.Position, status.Head, status.Status, status.Lag));
        Assert.Null(status.RebuildPercent);
    }

    [Fact]
    public async Task Given_a_daemon_stopped_inside_a_batch_when_a_new_daemon_starts_then_every_event_is_applied_once()
    {
        var first = await NewProjectionAsync("resume", recordEveryApplication: true);
        var head = await TestEvents.AppendManyAsync(database.Store, 50, "resume");
        var stopAt = head - 25;
        var stop = new CancellationTokenSource();
        first.AfterInsert = async (_, recorded, cancellationToken) =>
        {
            if (recorded.Position == stopAt)
            {
                await stop.CancelAsync();
                cancellationToken.ThrowIfCancellationRequested();
            }
        };
        await using var stopped = DaemonRun.Start(DataSource, first, Options(batchSize: 10), stop);
        await stopped.Task.WaitAsync(Deadline);

        // Batches of 10 from position 0: the one holding stopAt rolled back, the ones before it committed.
        var boundary = (stopAt - 1) / 10 * 10;
        var status = Assert.Single(await stopped.Daemon.GetStatusAsync(CancellationToken.None));
        Assert.Equal((boundary, ProjectionStatus.Running), (status.Position, status.Status));
        await AssertRowsAreTheLogUpToAsync(first.Name, boundary);

        await using var resumed = DaemonRun.Start(DataSource, new CountingProjection(first.Name, recordEveryApplication: true), Options(batchSize: 10));
        await resumed.Daemon.WaitForPositionAsync(first.Name, head, Deadline, CancellationToken.None);

        await AssertRowsAreTheLogUpToAsync(first.Name, head);
        Assert.Equal(head, Assert.Single(await resumed.Daemon.GetStatusAsync(CancellationToken.None)).Position);
    }

    [Fact]
    public async Task Given_two_daemons_on_one_projection_then_each_event_is_applied_once_and_both_stop_cleanly()
    {
        const string name = "projected_two_nodes";
        await new CountingProjection(name, recordEveryApplication: true).CreateTableAsync(DataSource);
        // A backlog, so that both nodes start by contending for every batch, then appends while both run.
        var head = await TestEvents.AppendManyAsync(database.Store, 100, "two-nodes");
        var options = Options(batchSize: 3);
        await using var nodeA = DaemonRun.Start(DataSource, new CountingProjection(name, recordEveryApplication: true), options);
        await using var nodeB = DaemonRun.Start(DataSource, new CountingProjection(name, recordEveryApplication: true), options);

        for (var round = 0; round < 5; round++)
        {
            head = await TestEvents.AppendManyAsync(database.Store, 15, $"two-nodes-{round}");
            nodeA.Daemon.Notify();
            nodeB.Daemon.Notify();
        }
        await nodeA.Daemon.WaitForPositionAsync(name, head, Deadline, CancellationToken.None);

        await AssertRowsAreTheLogUpToAsync(name, head);
        Assert.Equal(ProjectionStatus.Running, Assert.Single(await nodeB.Daemon.GetStatusAsync(CancellationToken.None)).Status);
        await nodeA.StopAsync();
        await nodeB.StopAsync();
        Assert.DoesNotContain(nodeA.Logger.Lines.Concat(nodeB.Logger.Lines), line => line.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Given_a_node_frozen_inside_a_batch_then_its_lease_ends_and_another_node_applies_every_event_once()
    {
        const string name = "projected_frozen_node";
        await new CountingProjection(name, recordEveryApplication: true).CreateTableAsync(DataSource);
        var head = await TestEvents.AppendManyAsync(database.Store, 30, "frozen-node");
        var frozen = new TaskCompletionSource();
        var thaw = new TaskCompletionSource();
        var stuck = new CountingProjection(name, recordEveryApplication: true)
        {
            AfterInsert = async (_, _, _) =>
            {
                frozen.TrySetResult();
                await thaw.Task;
            },
        };
        var options = Options(batchSize: 10);
        options.Lease = TimeSpan.FromSeconds(1);
        await using var nodeA = DaemonRun.Start(DataSource, stuck, options);
        await frozen.Task.WaitAsync(Deadline);

        await using var nodeB = DaemonRun.Start(DataSource, new CountingProjection(name, recordEveryApplication: true), options);
        await nodeB.Daemon.WaitForPositionAsync(name, head, Deadline, CancellationToken.None);
        stuck.AfterInsert = null;
        thaw.SetResult();

        await AssertRowsAreTheLogUpToAsync(name, head);
    }

    [Fact]
    public async Task Given_a_caught_up_projection_when_rebuilt_then_readers_keep_the_whole_table_while_it_reports_progress_and_it_ends_with_the_same_rows()
    {
        var projection = await NewProjectionAsync("rebuild");
        var head = await TestEvents.AppendManyAsync(database.Store, 60, "rebuild");
        await using var run = DaemonRun.Start(DataSource, projection, Options(batchSize: 500, rebuildBatchSize: 7));
        await run.Daemon.WaitForPositionAsync(head, Deadline, CancellationToken.None);
        var before = await CountingProjection.RowsAsync(DataSource, projection.Name);

        // Hold the rebuild inside the batch 29..35, so its progress can be read while it is under way.
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        projection.AfterInsert = async (_, recorded, cancellationToken) =>
        {
            if (recorded.Position == 30)
            {
                reached.TrySetResult();
                await release.Task.WaitAsync(cancellationToken);
            }
        };
        var target = await run.Daemon.RebuildAsync(projection.Name, CancellationToken.None);
        await reached.Task.WaitAsync(Deadline);

        Assert.Equal(head, target);
        var during = Assert.Single(await run.Daemon.GetStatusAsync(CancellationToken.None));
        Assert.Equal((ProjectionStatus.Rebuilding, head, (long?)28, (long?)head), (during.Status, during.Position, during.RebuildPosition, during.RebuildTarget));
        Assert.Equal(Math.Round(100.0 * 28 / head, 1), during.RebuildPercent);
        // Readers see the whole live table while the fresh one fills (28 rows so far) beside it.
        Assert.Equal(before, await CountingProjection.RowsAsync(DataSource, projection.Name));
        Assert.Equal(28, (await CountingProjection.RowsAsync(DataSource, projection.Name + "_next")).Count);

        release.SetResult();
        await run.Daemon.WaitForRebuildAsync(projection.Name, Deadline, CancellationToken.None);

        var after = Assert.Single(await run.Daemon.GetStatusAsync(CancellationToken.None));
        Assert.Equal((ProjectionStatus.Running, head), (after.Status, after.Position));
        Assert.Equal(before, await CountingProjection.RowsAsync(DataSource, projection.Name));
        // The swap is logged just after its commit, which is what WaitForRebuildAsync sees.
        await Eventually.WaitForAsync(() => Task.FromResult(run.Logger.Lines.Any(line =>
            line.Message.Contains($"rebuilt up to position {head}", StringComparison.Ordinal))), Deadline, "the swap to be logged");
        Assert.Contains(run.Logger.Lines, line => line.Message.Contains($"rebuilding, position 7 of {head}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_an_event_the_projection_cannot_apply_then_it_faults_at_that_event_until_rebuilt()
    {
        var projection = await NewProjectionAsync("faulted");
        var head = await TestEvents.AppendManyAsync(database.Store, 40, "faulted");
        var poison = head - 15;
        projection.AfterInsert = (_, recorded, _) => recorded.Position == poison
            ? throw new InvalidOperationException("poison event")
            : Task.CompletedTask;
        await using var run = DaemonRun.Start(DataSource, projection, Options(batchSize: 10));

        ProjectionStatus? status = null;
        await Eventually.WaitForAsync(async () =>
        {
            status = Assert.Single(await run.Daemon.GetStatusAsync(CancellationToken.None));
            return status.Status == ProjectionStatus.Faulted;
        }, Deadline, "the projection to fault");

        Assert.Equal((poison - 1, (long?)poison), (status!.Position, status.ErrorPosition));
        Assert.Equal("System.InvalidOperationException: poison event", status.LastError);
        await AssertRowsAreTheLogUpToAsync(projection.Name, poison - 1);
        var waiting = await Assert.ThrowsAsync<InvalidOperationException>(
            () => run.Daemon.WaitForPositionAsync(projection.Name, head, Deadline, CancellationToken.None));
        Assert.Contains($"faulted at position {poison}", waiting.Message, StringComparison.Ordinal);
        await run.Daemon.WaitForPositionAsync(head, TimeSpan.Zero, CancellationToken.None);
        Assert.Contains(run.Logger.Lines, line => line.Level == LogLevel.Error && line.Message.Contains($"faulted at position {poison}", StringComparison.Ordinal));

        projection.AfterInsert = null;
        await run.Daemon.RebuildAsync(projection.Name, CancellationToken.None);
        await run.Daemon.WaitForRebuildAsync(projection.Name, Deadline, CancellationToken.None);

        await AssertRowsAreTheLogUpToAsync(projection.Name, head);
        var rebuilt = Assert.Single(await run.Daemon.GetStatusAsync(CancellationToken.None));
        Assert.Equal((ProjectionStatus.Running, (string?)null, (long?)null), (rebuilt.Status, rebuilt.LastError, rebuilt.ErrorPosition));
    }

    [Fact]
    public async Task Given_the_connection_dies_inside_a_batch_then_the_batch_is_retried_and_each_event_applied_once()
    {
        var projection = await NewProjectionAsync("connection_lost", recordEveryApplication: true);
        var head = await TestEvents.AppendManyAsync(database.Store, 30, "connection-lost");
        var killAt = head - 10;
        var killed = 0;
        projection.AfterInsert = async (connection, recorded, cancellationToken) =>
        {
            if (recorded.Position == killAt && Interlocked.Exchange(ref killed, 1) == 0)
            {
                await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pg_backend_pid())", connection);
                await kill.ExecuteNonQueryAsync(cancellationToken);
            }
        };
        await using var run = DaemonRun.Start(DataSource, projection, Options(batchSize: 10));

        await run.Daemon.WaitForPositionAsync(projection.Name, head, Deadline, CancellationToken.None);

        Assert.Equal(1, killed);
        await AssertRowsAreTheLogUpToAsync(projection.Name, head);
        var retry = Assert.Single(run.Logger.Lines, line => line.Level >= LogLevel.Warning);
        Assert.Contains("retrying", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Given_a_runner_that_only_polls_hourly_when_notified_then_it_applies_the_new_events_at_once()
    {
        var projection = await NewProjectionAsync("notified");
        var options = Options(batchSize: 500);
        options.IdlePollInterval = TimeSpan.FromHours(1);
        await using var run = DaemonRun.Start(DataSource, projection, options);
        await run.Daemon.WaitForPositionAsync(await database.Store.HeadAsync(CancellationToken.None), Deadline, CancellationToken.None);

        var head = await TestEvents.AppendManyAsync(database.Store, 5, "notified");
        run.Daemon.Notify();

        await run.Daemon.WaitForPositionAsync(head, Deadline, CancellationToken.None);
        await AssertRowsAreTheLogUpToAsync(projection.Name, head);
    }

    [Fact]
    public async Task Given_a_projection_behind_when_the_wait_times_out_then_the_message_names_its_checkpoint()
    {
        var projection = await NewProjectionAsync("behind");
        var head = await TestEvents.AppendManyAsync(database.Store, 1, "behind");
        var daemon = new ProjectionDaemon(DataSource, [projection], new RecordingLogger());

        var timeout = await Assert.ThrowsAsync<TimeoutException>(
            () => daemon.WaitForPositionAsync(head, TimeSpan.FromMilliseconds(100), CancellationToken.None));

        Assert.Contains($"position {head}", timeout.Message, StringComparison.Ordinal);
        Assert.Contains($"{projection.Name}=0 (running)", timeout.Message, StringComparison.Ordinal);
    }

    private static ProjectionDaemonOptions Options(int batchSize, int rebuildBatchSize = 5000) => new()
    {
        BatchSize = batchSize,
        RebuildBatchSize = rebuildBatchSize,
        IdlePollInterval = TimeSpan.FromMilliseconds(50),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
    };

    private async Task<CountingProjection> NewProjectionAsync(string name, bool recordEveryApplication = false)
    {
        var projection = new CountingProjection($"projected_{name}", recordEveryApplication);
        await projection.CreateTableAsync(DataSource);
        return projection;
    }

    /// <summary>The projection holds exactly one row per event at positions 1..<paramref name="position"/>, nothing else.</summary>
    private async Task AssertRowsAreTheLogUpToAsync(string name, long position)
    {
        var events = await database.Store.ReadAllAsync(0, (int)position, CancellationToken.None);
        Assert.Equal(events.Select(e => (e.Position, e.StreamId)), await CountingProjection.RowsAsync(DataSource, name));
        Assert.Equal(position, events.Count);
    }
}
