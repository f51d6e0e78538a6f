using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.Files;
using Catalog.Core.Projections.JobDocuments;
using Catalog.Core.Projections.Lineage;
using Catalog.Core.Projections;
using Catalog.Tests.Jobs;
using CsCheck;
using Newtonsoft.Json.Linq;
using Xunit.Abstractions;

namespace Catalog.Tests.Projections;

/// <summary>
/// Every projection is a function of the event log: after any sequence of commands (creations, state events,
/// indexing into folders two jobs share, hiding, restoring, purging, resets that clear the archive), the tables kept
/// up incrementally equal the tables a rebuild from the log gives.
/// </summary>
[Trait("Category", "Database")]
public sealed class ProjectionsFromLogTests(JobServiceFixture db, ITestOutputHelper output) : IClassFixture<JobServiceFixture>
{
    private const int JobsPerSample = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] Kinds =
        ["create", "run", "index", "index", "index", "index", "hide", "undelete", "purge", "reset", "reset", "ready", "cancel", "annotate", "annotate", "join", "check", "expire", "openlineage"];
    private static readonly string[] Tables =
    [
        JobDocumentWriter.Table, JobDocumentWriter.SearchTable, LineageProjection.Edges, LineageProjection.HiddenJobs, LineageProjection.Names, "file_records",
        "files_hidden_jobs", "files",
    ];

    private static readonly Gen<Op> Ops = Gen.Select(Gen.Int[0, Kinds.Length - 1], Gen.Int[0, JobsPerSample - 1], Gen.Int[0, 5].Array[1, 4],
        Gen.Int[0, 3], (kind, job, files, variant) => new Op(Kinds[kind], job, files, variant));

    [Fact]
    public async Task Given_random_command_sequences_then_the_incremental_tables_equal_a_rebuild_from_the_log()
    {
        var daemon = JobServiceCalls.Projections(db.DataSource);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => daemon.RunAsync(stop.Token));
        var purge = new JobPurge(db.Store, daemon, db.Jobs);
        db.Jobs.Appended += _ => daemon.Notify();
        var samples = 0;

        await Ops.Array[5, 25].SampleAsync(async ops =>
        {
            samples++;
            var specs = Specs();
            foreach (var spec in specs)
            {
                await db.Jobs.CreateOrAttachAsync(spec, None);
            }
            foreach (var op in ops)
            {
                await ApplyAsync(op, specs, purge);
            }
            await daemon.WaitForPositionAsync(await db.Store.HeadAsync(None), Deadline, None);
            var incremental = await SnapshotAsync();
            foreach (var name in daemon.Names)
            {
                await daemon.RebuildAsync(name, None);
            }
            foreach (var name in daemon.Names)
            {
                await daemon.WaitForRebuildAsync(name, Deadline, None);
            }
            var rebuilt = await SnapshotAsync();
            foreach (var table in Tables)
            {
                Assert.True(incremental[table].SequenceEqual(rebuilt[table]), $"{table} differs from its rebuild:\n" +
                    string.Join("\n", incremental[table].Except(rebuilt[table]).Select(row => "- " + row)) + "\n" +
                    string.Join("\n", rebuilt[table].Except(incremental[table]).Select(row => "+ " + row)));
            }
        }, iter: 40, threads: 1, print: ops => string.Join("; ", ops.Select(o => o.ToString())));

        await stop.CancelAsync();
        await running;
        output.WriteLine($"{samples} samples, {await db.ScalarAsync("SELECT count(*) FROM es.events")} events, " +
            $"{await db.ScalarAsync("SELECT count(*) FROM files")} files, {await db.ScalarAsync("SELECT count(*) FROM file_records")} file records, " +
            $"{await db.ScalarAsync("SELECT count(*) FROM es.events WHERE event_type = 'job.expired.v1'")} expired, " +
            $"{await db.ScalarAsync("SELECT count(*) FROM es.events WHERE event_type IN ('job.blocked.v1', 'job.unblocked.v1')")} blocked or unblocked");
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM file_records WHERE removed_at IS NOT NULL") > 0, "no reset cleared a folder with files");
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM files WHERE cardinality(producers) > 1") > 0, "no file had two producers");
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM es.events WHERE event_type IN ('job.tagged.v1', 'job.measured.v1', 'job.annotated.v1')") > 0,
            "no job was tagged, annotated or measured");
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM es.events WHERE event_type = 'job.cancelled.v1'") > 0, "no job was cancelled");
        Assert.True(await db.ScalarAsync("SELECT count(*) FROM es.events WHERE event_type = 'job.joined_group.v1'") > 0, "no job joined a group");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Given_a_reset_that_emptied_a_shared_folder_when_its_job_is_purged_then_the_other_jobs_files_stay_removed_as_a_rebuild_says(
        bool projectedBeforePurge)
    {
        var (specs, incremental, rebuilt) = await FilesAfterAsync(projectedBeforePurge, async (specs, purge, caughtUp) =>
        {
            await ApplyAsync(new Op("index", 0, [1, 2], 2), specs, purge);
            await ApplyAsync(new Op("run", 1, [], 1), specs, purge);
            await ApplyAsync(new Op("reset", 1, [], 0), specs, purge);
            await caughtUp();
            await purge.PurgeAsync(specs[1].Uuid, "admin", None);
        });

        var removed = await db.ScalarAsync(
            $"SELECT count(*) FROM files WHERE job_uuid = '{specs[0].Uuid}' AND removed_at IS NOT NULL");
        Assert.Equal(2, removed);
        Assert.Equal(incremental["files"], rebuilt["files"]);
        Assert.Equal(incremental["file_records"], rebuilt["file_records"]);
    }

    [Fact]
    public async Task Given_two_clearings_of_a_shared_folder_when_the_first_clearers_job_is_purged_then_files_keep_the_first_removal_time()
    {
        var (_, incremental, rebuilt) = await FilesAfterAsync(projectWhileRunning: true, async (specs, purge, caughtUp) =>
        {
            await ApplyAsync(new Op("index", 0, [1], 2), specs, purge);
            await ApplyAsync(new Op("run", 1, [], 1), specs, purge);
            await ApplyAsync(new Op("reset", 1, [], 0), specs, purge);
            await caughtUp();
            await ApplyAsync(new Op("reset", 0, [], 0), specs, purge);
            await purge.PurgeAsync(specs[1].Uuid, "admin", None);
        });

        Assert.Equal(incremental["file_records"], rebuilt["file_records"]);
        Assert.Equal(incremental["files"], rebuilt["files"]);
    }

    /// <summary>
    /// Runs <paramref name="steps"/> on fresh jobs (the daemon projecting meanwhile, or only afterwards; the steps' third
    /// argument waits for it to catch up when it runs), then the tables kept incrementally and after a files rebuild.
    /// </summary>
    private async Task<(JobSpec[] Specs, Dictionary<string, string[]> Incremental, Dictionary<string, string[]> Rebuilt)> FilesAfterAsync(
        bool projectWhileRunning, Func<JobSpec[], JobPurge, Func<Task>, Task> steps)
    {
        var daemon = JobServiceCalls.Projections(db.DataSource);
        var purge = new JobPurge(db.Store, daemon, db.Jobs);
        using var stop = new CancellationTokenSource();
        var specs = Specs();
        foreach (var spec in specs)
        {
            await db.Jobs.CreateOrAttachAsync(spec, None);
        }
        var running = projectWhileRunning ? Task.Run(() => daemon.RunAsync(stop.Token)) : null;
        async Task CaughtUpAsync()
        {
            if (running is not null)
            {
                await daemon.WaitForPositionAsync(await db.Store.HeadAsync(None), Deadline, None);
            }
        }
        await steps(specs, purge, CaughtUpAsync);
        running ??= Task.Run(() => daemon.RunAsync(stop.Token));
        await daemon.WaitForPositionAsync(await db.Store.HeadAsync(None), Deadline, None);
        var incremental = await SnapshotAsync();
        await daemon.RebuildAsync(FilesProjection.ProjectionName, None);
        await daemon.WaitForRebuildAsync(FilesProjection.ProjectionName, Deadline, None);
        var rebuilt = await SnapshotAsync();
        await stop.CancelAsync();
        await running;
        return (specs, incremental, rebuilt);
    }

    private async Task ApplyAsync(Op op, JobSpec[] specs, JobPurge purge)
    {
        var spec = specs[op.Job];
        var uuid = spec.Uuid;
        switch (op.Kind)
        {
            case "create":
                await db.Jobs.CreateOrAttachAsync(spec, None);
                break;
            case "run":
                await SendAsync(uuid, op.Variant == 0 ? "fail" : "run");
                break;
            case "index":
                foreach (var name in new[] { "run", "finish", "index" })
                {
                    await SendAsync(uuid, name);
                }
                await db.Jobs.HandleAsync(uuid, new JobCommand.RecordFiles(op.Files.Distinct().Select(f => File(spec, f, op.Variant)).ToArray()),
                    JobCaller.Admin, null, None);
                if (op.Variant > 1)
                {
                    await SendAsync(uuid, "indexed");
                }
                break;
            case "hide":
                await db.Jobs.HandleAsync(uuid, new JobCommand.Hide("admin"), JobCaller.Admin, null, None);
                break;
            case "undelete":
                await db.Jobs.HandleAsync(uuid, new JobCommand.Restore("admin"), JobCaller.Admin, null, None);
                break;
            case "purge":
                await purge.PurgeAsync(uuid, "admin", None);
                break;
            case "reset":
                await db.Jobs.HandleAsync(uuid, new JobCommand.Reset(null, "admin", ClearArchive: op.Variant != 3), JobCaller.Admin, null, None);
                break;
            case "ready":
                await SendAsync(uuid, "ready");
                break;
            case "cancel":
                await SendAsync(uuid, "cancel", new JObject { ["reason"] = $"variant {op.Variant}" });
                break;
            case "join":
                // A group joined (the document's group and the list's group column, a member_of edge); a job in another
                // group is refused, which records nothing.
                await db.Jobs.HandleAsync(uuid, new JobCommand.Join(Catalog.Core.Groups.GroupService.Uuid($"group {op.Variant % 2}", null)),
                    JobCaller.Admin, null, None);
                break;
            case "expire":
                // The system's deadline, decided by a node whose clock is an hour ahead (so a running job's time is up).
                await new JobService(db.Store, new LaterClock(TimeSpan.FromHours(1)))
                    .HandleAsync(specs[3].Uuid, new JobCommand.Expire(), JobCaller.System, null, None);
                break;
            case "check":
                // The system's dependency watch (a blocked job's document and the watch's columns).
                await db.Jobs.HandleAsync(specs[4].Uuid, new JobCommand.CheckBlocked(), JobCaller.System, null, None);
                break;
            case "openlineage":
                // An OpenLineage run event: state events, facets on the document, dataset edges and names (a dataset
                // shared by the jobs, and an output that is one of the job's own indexed files).
                var path = $"{spec.ArchivePath}/f{op.Files[0]}.csv";
                await db.Jobs.HandleAsync(uuid, new JobCommand.ApplyLineage(new Catalog.Core.OpenLineage.OpenLineageReport
                {
                    Namespace = "ns",
                    Name = "job",
                    RunId = "ea041791-68bc-4ae1-bd89-4c8106a157e4",
                    EventType = new[] { "START", "COMPLETE", "OTHER", "FAIL" }[op.Variant],
                    EventTime = DateTimeOffset.UnixEpoch.AddSeconds(op.Files[0]),
                    Producer = "https://example.org/producer",
                    RunFacets = new JObject { [$"facet{op.Variant}"] = new JObject { ["value"] = op.Files.Length } },
                    Inputs = [new(Catalog.Core.OpenLineage.OpenLineageMapping.DatasetUuid("ns", $"d{op.Files[0]}", _ => false), "ns", $"d{op.Files[0]}", [])],
                    Outputs = [new(FileIdentity.FileUuid(path), "agave://" + spec.ArchiveSystem, path, [])],
                }, $"fingerprint-{op.Files[0]}-{op.Variant}"), JobCaller.Admin, null, None);
                break;
            case "annotate":
                // The document's tags, labels, notes and measurements (and the list's tag and label columns) are projected too.
                await SendAsync(uuid, op.Variant switch
                {
                    0 => "tag",
                    1 => "tag",
                    2 => "annotate",
                    _ => "measure",
                }, op.Variant switch
                {
                    0 => new JObject { ["add"] = new JArray($"t{op.Files[0]}", "shared"), ["labels"] = new JObject { ["lab"] = $"l{op.Files[0]}" } },
                    1 => new JObject { ["remove"] = new JArray("shared"), ["labels"] = new JObject { ["lab"] = null } },
                    2 => new JObject { ["notes"] = $"note {op.Files[0]}" },
                    _ => new JObject { ["od600"] = op.Files[0] * 0.25, ["phase"] = $"p{op.Files.Length}" },
                });
                break;
        }
    }

    private Task<JobOutcome> SendAsync(string uuid, string name, JObject? data = null) =>
        db.Jobs.HandleAsync(uuid, new JobCommand.Send(name, data), JobCaller.Admin, null, None);

    // Two pairs of jobs, each pair sharing an archive folder (so they index the same files), and a fifth job.
    private static JobSpec[] Specs()
    {
        var run = Guid.NewGuid().ToString("N");
        var specs = Enumerable.Range(0, JobsPerSample).Select(i => JobSpecs.Unique($"{run}-{i}") with
        {
            ArchivePath = $"/products/v2/shared/{run}/{i / 2}",
            ArchiveSystem = "data-sd2e-community",
        }).ToArray();
        // The fifth, alone in its folder, waits for the first to succeed (so the system's check can block and unblock it);
        // the fourth has a deadline, which the system's expire (decided an hour later) enforces.
        specs[4] = specs[4] with { DependsOn = [new JobDependency(specs[0].Uuid, DependencyCondition.Success)] };
        specs[3] = specs[3] with { MaxWallTime = 60 };
        // Two jobs name the same node (a purge of one leaves the other's name).
        specs[0] = specs[0] with { Names = new SortedDictionary<string, string> { [specs[0].ChildOf[0]] = "experiment.tacc.0xDEADBEEF" } };
        specs[2] = specs[2] with { Names = new SortedDictionary<string, string> { [specs[2].ChildOf[0]] = "experiment.tacc.0xdeadbeef" } };
        return specs;
    }

    private static IndexedFile File(JobSpec spec, int file, int variant)
    {
        var path = $"{spec.ArchivePath}/f{file}.csv";
        return new IndexedFile
        {
            Uuid = FileIdentity.FileUuid(path),
            FileId = FileIdentity.FileId(path, spec.ArchiveSystem),
            Name = FileIdentity.Normalize(path),
            StorageSystem = spec.ArchiveSystem,
            Level = variant == 0 ? null : variant.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Size = 10 * file + variant,
            Checksum = variant == 1 ? null : $"sum-{file}-{variant}",
            DerivedFrom = file > 0 ? [FileIdentity.FileUuid($"{spec.ArchivePath}/f{file - 1}.csv")] : [],
        };
    }

    private async Task<Dictionary<string, string[]>> SnapshotAsync()
    {
        var snapshot = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var table in Tables)
        {
            await using var command = db.DataSource.CreateCommand($"SELECT row_to_json(t)::text FROM {table} t ORDER BY 1");
            var rows = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
            snapshot[table] = [.. rows];
        }
        return snapshot;
    }

    private sealed class LaterClock(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    private sealed record Op(string Kind, int Job, int[] Files, int Variant)
    {
        public override string ToString() => $"{Kind} j{Job} [{string.Join(",", Files)}] v{Variant}";
    }
}
