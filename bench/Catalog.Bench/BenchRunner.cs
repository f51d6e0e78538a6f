using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using System.Text;
using Catalog.ToolKit;

namespace Catalog.Bench;

/// <summary>
/// Runs the parts in an order where none disturbs the next: the pgbench baseline before the catalog exists; start-up;
/// ingest (with RSS sampling) and its check; the job-document rebuild over what ingest wrote; then the synthetic
/// lineage graph (loaded last, because a rebuild truncates job_documents, where the graph's labels live), a restart
/// over the now populated database, and the lineage queries. Figures are reported, never asserted; only a part that
/// fails makes the exit code non-zero.
/// </summary>
internal static class BenchRunner
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var cancellation = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            Log($"{context.Signal}: stopping");
            cancellation.Cancel();
        }
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        var cancellationToken = cancellation.Token;

        var clock = Stopwatch.StartNew();
        var results = new BenchResults(options);
        Directory.CreateDirectory(options.WorkDir);
        try
        {
            results.Machine = await MachineInfo.ReadAsync(options, cancellationToken);
            Log($"mode {options.Mode}: {options.Concurrency} agents × {options.IngestSeconds} s, lineage graph of {options.LineageJobs:N0} jobs; " +
                $"{results.Machine.Cores} cores, load average {results.Machine.LoadAverage}");
            await RunPartsAsync(options, results, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log("interrupted; no report written");
            return 130;
        }
        results.TotalSeconds = clock.Elapsed.TotalSeconds;
        results.LoadAtEnd = MachineInfo.LoadNow();

        var json = Report.Json(results).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        var markdown = Report.Markdown(results);
        Write(options.JsonOut, json);
        Write(options.MdOut, markdown);
        if (options.LatestOut is { } latest)
        {
            Write(latest, json);
        }
        Console.WriteLine();
        Console.WriteLine(Report.Table(results));
        Log($"wrote {options.JsonOut}, {options.MdOut}{(options.LatestOut is null ? "" : ", " + options.LatestOut)}");
        foreach (var failure in results.Failures)
        {
            Log($"FAILED: {failure}");
        }
        return results.Failures.Count == 0 ? 0 : 1;
    }

    private static async Task RunPartsAsync(BenchOptions options, BenchResults results, CancellationToken cancellationToken)
    {
        Log($"baseline: pgbench -c {options.Concurrency} -j {Math.Min(2, options.Concurrency)} -T {options.BaselineSeconds} (insert event + upsert document per transaction)");
        await Part(results, "baseline", async () =>
        {
            var before = CpuMeter.Snapshot(null, options.PgData);
            results.Baseline = await Baseline.RunAsync(options, cancellationToken);
            results.BaselineCpu = CpuUsage.Between(before, CpuMeter.Snapshot(null, options.PgData));
            Log($"baseline: {results.Baseline.TxPerSecond:N0} tx/s, average latency {results.Baseline.LatencyAverageMs:0.00} ms");
        }, cancellationToken);

        using var http = CatalogClient.CreateHttpClient(options.Concurrency);
        var client = new CatalogClient(http, options);
        Log($"start-up: {options.Dotnet} {options.ApiDll} --urls {options.ApiUrl} (log {options.ApiLog})");
        var catalog = CatalogProcess.Start(options);
        try
        {
            string? pipeline = null;
            await Part(results, "start-up", async () =>
            {
                results.StartupMs = await catalog.WaitHealthyAsync(http, TimeSpan.FromMinutes(2), cancellationToken);
                pipeline = await client.CreatePipelineAsync("bench-ingest", cancellationToken);
                var first = await client.CreateJobAsync(Encoding.UTF8.GetBytes(new JsonObject
                {
                    ["pipeline_uuid"] = pipeline,
                    ["data"] = new JsonObject { ["bench_start"] = Guid.NewGuid().ToString("N") },
                }.ToJsonString()), cancellationToken);
                if (!first.Ok)
                {
                    throw new InvalidOperationException($"POST /api/v1/jobs answered {first.Status}");
                }
                var status = await client.PostEventAsync(first.Uuid!, first.Token!, """{"name":"run"}"""u8.ToArray(), cancellationToken);
                if (status != 200)
                {
                    throw new InvalidOperationException($"the first event answered {status}");
                }
                results.StartupFirstEventMs = catalog.ElapsedMs;
                Log($"start-up: /health answered after {results.StartupMs:N0} ms, first event accepted after {results.StartupFirstEventMs:N0} ms");
            }, cancellationToken);
            if (pipeline is null)
            {
                results.Notes.Add("The catalog did not start, so nothing after the baseline was measured.");
                return;
            }

            await Part(results, "ingest", async () =>
            {
                Log($"ingest: {options.Concurrency} agents, {options.WarmupSeconds} s warm-up + {options.IngestSeconds} s measured");
                var statements = await Statements.ResetAsync(options, cancellationToken);
                var sampler = new RssSampler(() => catalog.Memory()?.RssKb);
                var before = CpuMeter.Snapshot(catalog.Pid, options.PgData);
                try
                {
                    results.Ingest = await IngestLoad.RunAsync(client, pipeline, options, cancellationToken);
                    results.IngestCpu = CpuUsage.Between(before, CpuMeter.Snapshot(catalog.Pid, options.PgData));
                }
                finally
                {
                    await sampler.DisposeAsync();
                }
                if (statements)
                {
                    results.IngestStatements = await Statements.TopAsync(options, 12, cancellationToken);
                }
                results.PeakRssMb = sampler.PeakKb / 1024.0;
                results.PeakHwmMb = catalog.Memory()?.HwmKb / 1024.0;
                var ingest = results.Ingest;
                Log($"ingest: {ingest.EventsPerSecond:N0} events/s, p50 {ingest.P50Ms:0.0} ms, p99 {ingest.P99Ms:0.0} ms, " +
                    $"{ingest.Errors} errors, {ingest.Jobs:N0} jobs; peak RSS {results.PeakRssMb:N0} MB");
                (results.Lost, results.Unacknowledged) = await IngestCheck.RunAsync(options, ingest.JobTallies, cancellationToken);
                Log($"ingest check: {ingest.AcknowledgedTotal + ingest.Jobs:N0} acknowledged appends, {results.Lost} lost, " +
                    $"{results.Unacknowledged} stored without acknowledgement");
                results.ProjectionCatchUpMs = await Projections.WaitCaughtUpAsync(client, TimeSpan.FromMinutes(10), cancellationToken);
                results.IngestMetrics = await client.MetricsExcerptAsync(cancellationToken);
                Log($"ingest: asynchronous projections caught up {results.ProjectionCatchUpMs:N0} ms after the load stopped");
                if (results.IngestCpu is { } cpu)
                {
                    Log($"ingest: cores used: catalog {cpu.CatalogCores:0.00}, PostgreSQL {cpu.PostgresCores:0.00}, load generator {cpu.SelfCores:0.00}, " +
                        $"other processes {cpu.OtherCores:0.00}, idle {cpu.IdleCores:0.00}");
                }
            }, cancellationToken);

            await Part(results, "rebuild", async () =>
            {
                if (results.Ingest is { JobTallies.Count: > 0 } ingested)
                {
                    var (added, seconds) = await LogFiller.FillAsync(options, ingested.JobTallies.Select(t => t.Uuid).ToArray(),
                        options.RebuildEvents, cancellationToken);
                    results.RebuildClonedEvents = added;
                    if (added > 0)
                    {
                        Log($"rebuild: cloned ingested streams into {added:N0} more events in {seconds:0.0} s; waiting for the projections to apply them");
                        results.ClonedCatchUpSeconds = await Projections.WaitCaughtUpAsync(client, TimeSpan.FromMinutes(60), cancellationToken) / 1000;
                        Log($"rebuild: the three asynchronous projections applied them in {results.ClonedCatchUpSeconds:0.0} s");
                    }
                }
                results.Rebuild = await Projections.RebuildAsync(client, Projections.JobDocuments, TimeSpan.FromMinutes(30), cancellationToken);
                Log($"rebuild: {results.Rebuild.Events:N0} events in {results.Rebuild.Seconds:0.00} s = {results.Rebuild.EventsPerSecond:N0} events/s");
            }, cancellationToken);

            var graph = new SyntheticGraph(options.LineageJobs, options.Seed);
            if (!await LineageBench.RouteExistsAsync(client, graph, cancellationToken))
            {
                results.Notes.Add("Lineage: GET /api/v1/lineage/{uuid} is not served by this build, so the lineage figures are null; " +
                    "the part runs as soon as the route lands.");
                Log("lineage: the route is not served; skipped");
            }
            else
            {
                GraphLoad? load = null;
                await Part(results, "lineage graph load", async () =>
                {
                    Log($"lineage: loading a graph of {options.LineageJobs:N0} jobs with COPY");
                    load = await GraphLoader.LoadAsync(options, graph, cancellationToken);
                    Log($"lineage: {load.Edges:N0} edges, {load.Files:N0} files in {load.LoadSeconds:0.0} s (+ {load.AnalyzeSeconds:0.0} s VACUUM ANALYZE)");
                }, cancellationToken);

                await Part(results, "restart", async () =>
                {
                    await catalog.StopAsync();
                    await catalog.DisposeAsync();
                    catalog = CatalogProcess.Start(options);
                    results.StartupRestartMs = await catalog.WaitHealthyAsync(http, TimeSpan.FromMinutes(2), cancellationToken);
                    Log($"restart over the populated database: /health answered after {results.StartupRestartMs:N0} ms");
                }, cancellationToken);

                if (load is not null && !catalog.HasExited)
                {
                    await Part(results, "lineage queries", async () =>
                    {
                        var cases = await LineageBench.RunAsync(client, graph, options.LineageSamples, options.Seed, cancellationToken);
                        results.Lineage = new LineageResult(load, cases);
                        foreach (var c in cases)
                        {
                            Log($"lineage: depth {c.Depth,2} {c.Direction,-10} p50 {c.P50Ms:0.0} ms p99 {c.P99Ms:0.0} ms, {c.MeanNodes:0.0} nodes on average");
                        }
                    }, cancellationToken);
                }
            }
        }
        finally
        {
            await catalog.DisposeAsync();
        }
    }

    private static async Task Part(BenchResults results, string name, Func<Task> part, CancellationToken cancellationToken)
    {
        try
        {
            await part();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            results.Failures.Add($"{name}: {ex.GetType().Name}: {ex.Message}");
            Log($"{name} failed: {ex}");
        }
    }

    private static void Write(string path, string text)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }
        File.WriteAllText(path, text);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[bench] {message}");
}
