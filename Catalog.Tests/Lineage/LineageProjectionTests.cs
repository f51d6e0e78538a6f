using System.Diagnostics;
using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Lineage;
using Catalog.Core.Projections.Lineage;
using Catalog.Core.Projections;
using Catalog.Core.Queries;
using Catalog.Tests.EventStore;
using Catalog.Tests.Jobs;
using Catalog.Tests.Projections;
using Xunit.Abstractions;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.Lineage;

/// <summary>The lineage projection alone over a database of its own, driven by a daemon that runs only it.</summary>
[Trait("Category", "Database")]
public sealed class LineageProjectionTests(JobServiceFixture database, ITestOutputHelper output) : IClassFixture<JobServiceFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken None = CancellationToken.None;

    private LineageQueries Queries => new(database.DataSource);

    [Fact]
    public async Task Given_a_projected_graph_when_the_log_is_applied_again_or_rebuilt_then_the_edges_are_the_same()
    {
        await using var run = Start();
        var graph = await BuildGraphAsync();
        await run.Daemon.WaitForPositionAsync(LineageProjection.ProjectionName, graph.LastPosition, Deadline, None);
        await ProvenanceGraph.HandleAsync(database.Jobs, graph.J4, new JobCommand.Hide(ProvenanceGraph.Actor), None);
        var head = await database.Store.HeadAsync(None);
        await run.Daemon.WaitForPositionAsync(LineageProjection.ProjectionName, head, Deadline, None);
        var projected = await EdgesAsync();

        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var log = await Store.ReadRangeAsync(connection, transaction, 0, long.MaxValue, null, None);
            await new LineageProjection().ApplyAsync(connection, transaction, log, ProjectionTables.Live, None);
            await transaction.CommitAsync();
        }
        Assert.Equal(projected, await EdgesAsync());

        await run.Daemon.RebuildAsync(LineageProjection.ProjectionName, None);
        await run.Daemon.WaitForRebuildAsync(LineageProjection.ProjectionName, Deadline, None);
        Assert.Equal(projected, await EdgesAsync());
        Assert.Contains(projected, e => e.StartsWith($"{graph.C1} derived_from {graph.C2} {graph.J4} True", StringComparison.Ordinal));
        Assert.Contains(projected, e => e.StartsWith($"{graph.D2} derived_from {graph.D1} {graph.J3} False", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_files_recorded_while_the_job_is_hidden_then_they_stay_hidden_until_restored_also_after_a_rebuild()
    {
        await using var run = Start();
        var label = Guid.NewGuid().ToString("N")[..8];
        var spec = ProvenanceGraph.Spec(TypedUuid.Create(UuidType.Pipeline, label), [TypedUuid.Create(UuidType.Sample, label)], label, "hidden");
        var file = ProvenanceGraph.File(label, "late.csv");
        await database.Jobs.CreateAsync(spec, None);
        foreach (var step in new[] { "run", "finish", "index" })
        {
            await ProvenanceGraph.HandleAsync(database.Jobs, spec.Uuid, new JobCommand.Send(step, null), None);
        }
        await ProvenanceGraph.HandleAsync(database.Jobs, spec.Uuid, new JobCommand.Hide(ProvenanceGraph.Actor), None);
        await WaitAsync(run, await ProvenanceGraph.HandleAsync(database.Jobs, spec.Uuid, new JobCommand.RecordFiles([file]), None));

        Assert.Empty(await Queries.OutputsOfAsync(spec.Uuid, None));
        await run.Daemon.RebuildAsync(LineageProjection.ProjectionName, None);
        await WaitAsync(run, await database.Store.HeadAsync(None));
        Assert.Empty(await Queries.OutputsOfAsync(spec.Uuid, None));

        await WaitAsync(run, await ProvenanceGraph.HandleAsync(database.Jobs, spec.Uuid, new JobCommand.Restore(ProvenanceGraph.Actor), None));
        Assert.Equal([file.Uuid], (await Queries.OutputsOfAsync(spec.Uuid, None)).Select(n => n.Uuid));
    }

    [Fact]
    public async Task Given_a_hidden_job_purged_and_created_again_then_its_new_edges_are_visible()
    {
        await using var run = Start();
        var label = Guid.NewGuid().ToString("N")[..8];
        var spec = ProvenanceGraph.Spec(TypedUuid.Create(UuidType.Pipeline, label), [TypedUuid.Create(UuidType.Sample, label)], label, "again");
        var file = ProvenanceGraph.File(label, "again.csv");
        await ProvenanceGraph.RunJobAsync(database.Jobs, spec, [file], None);
        await WaitAsync(run, await ProvenanceGraph.HandleAsync(database.Jobs, spec.Uuid, new JobCommand.Hide(ProvenanceGraph.Actor), None));
        Assert.NotNull(await database.Jobs.PurgeAsync(spec.Uuid, ProvenanceGraph.Actor, None));

        var (_, position) = await ProvenanceGraph.RunJobAsync(database.Jobs, spec, [file], None);
        await WaitAsync(run, position);

        Assert.Equal([file.Uuid], (await Queries.OutputsOfAsync(spec.Uuid, None)).Select(n => n.Uuid));
        Assert.Equal(0L, await database.ScalarAsync("SELECT count(*) FROM lineage_hidden_jobs WHERE job_uuid = $1", spec.Uuid));
    }

    [Fact]
    public async Task Given_a_file_row_then_the_file_node_is_labelled_with_its_name()
    {
        await using var run = Start();
        var label = Guid.NewGuid().ToString("N")[..8];
        var file = ProvenanceGraph.File(label, "named.csv");
        var spec = ProvenanceGraph.Spec(TypedUuid.Create(UuidType.Pipeline, label), [], label, "named");
        await WaitAsync(run, (await ProvenanceGraph.RunJobAsync(database.Jobs, spec, [file], None)).Position);
        // Only this class's database: no files projection runs here to own the row.
        await database.ScalarAsync("""
            INSERT INTO files (uuid, file_id, name, storage_system, size, job_uuid, indexed_at) VALUES ($1, $2, $3, $4, 42, $5, now())
            RETURNING 1
            """, file.Uuid, file.FileId, file.Name, file.StorageSystem, spec.Uuid);

        var graph = await Queries.TraverseAsync(file.Uuid, LineageDirection.Upstream, 1, 10, None);

        // The file lies outside its job's archive folder here, so its whole path labels it.
        Assert.Equal([(file.Uuid, file.Name, null, "named.csv"), (spec.Uuid, $"{spec.PipelineUuid} (FINISHED)", "FINISHED", null)],
            graph.Nodes.Select(n => (n.Uuid, n.Label, n.State, (string?)n.Details?["name"])));
        Assert.Equal(spec.PipelineUuid, (string?)graph.Nodes[1].Details!["pipeline_uuid"]);
    }

    [Fact]
    public async Task Given_thousands_of_jobs_when_rebuilding_then_every_edge_is_projected_and_the_rate_is_reported()
    {
        const int jobs = 4000;
        const int filesPerJob = 5;
        await using var run = Start();
        var head = await database.Store.HeadAsync(None);
        await run.Daemon.WaitForPositionAsync(LineageProjection.ProjectionName, head, Deadline, None);
        var before = await database.ScalarAsync("SELECT count(*) FROM lineage_edges");
        var label = Guid.NewGuid().ToString("N")[..8];
        await TestEvents.AppendStreamsAsync(database.Store, Enumerable.Range(0, jobs).Select(i =>
        {
            var (stream, events) = Events(label, i, filesPerJob);
            return (stream, JobService.StreamType, (IReadOnlyList<NewEvent>)events);
        }));
        head = await database.Store.HeadAsync(None);

        var clock = Stopwatch.StartNew();
        await run.Daemon.RebuildAsync(LineageProjection.ProjectionName, None);
        await run.Daemon.WaitForRebuildAsync(LineageProjection.ProjectionName, Deadline, None);
        clock.Stop();

        var edges = await database.ScalarAsync("SELECT count(*) FROM lineage_edges");
        Assert.Equal(before + jobs * (3 + 2 * filesPerJob + 1), edges);
        output.WriteLine($"Rebuilt {head} events into {edges} edges in {clock.Elapsed.TotalSeconds:0.00} s " +
            $"({head / clock.Elapsed.TotalSeconds:0} events/s, {edges / clock.Elapsed.TotalSeconds:0} edges/s).");
    }

    private static (string Stream, NewEvent[] Events) Events(string label, int i, int files)
    {
        var at = DateTimeOffset.UtcNow;
        var spec = ProvenanceGraph.Spec(TypedUuid.Create(UuidType.Pipeline, $"{label}-{i % 50}"),
            [TypedUuid.Create(UuidType.Measurement, $"{label}-{i}"), TypedUuid.Create(UuidType.Measurement, $"{label}-{i + 1}")], label, $"{i}");
        var outputs = Enumerable.Range(0, files).Select(f => ProvenanceGraph.File(label, $"{i}/{f}.csv")).ToArray();
        outputs[^1] = outputs[^1] with { DerivedFrom = [outputs[0].Uuid] };
        JobEvent[] events = [new JobEvent.Created(spec) { At = at }, new JobEvent.FilesIndexed(outputs) { At = at }];
        return (spec.Uuid, events.Select(e => new NewEvent(Guid.CreateVersion7(), JobEventTypes.Of(e), JobEventJson.Serialize(e))).ToArray());
    }

    private DaemonRun Start() => DaemonRun.Start(database.DataSource, new LineageProjection(), new ProjectionDaemonOptions
    {
        IdlePollInterval = TimeSpan.FromMilliseconds(50),
    });

    private static Task WaitAsync(DaemonRun run, long position) =>
        run.Daemon.WaitForPositionAsync(LineageProjection.ProjectionName, position, Deadline, None);

    private Task<ProvenanceGraph> BuildGraphAsync() =>
        ProvenanceGraph.BuildAsync(database.Jobs, name => Task.FromResult(TypedUuid.Create(UuidType.Pipeline, name)), None);

    private async Task<List<string>> EdgesAsync()
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT from_uuid, relation, to_uuid, job_uuid, hidden FROM lineage_edges ORDER BY 1, 2, 3, 4");
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)} {reader.GetString(3)} {reader.GetBoolean(4)}");
        }
        return rows;
    }
}
