using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Catalog.Bench;

/// <summary>
/// Writes a run as JSON (flat keys for the headline figures, so scripts and later runs can compare them) and as
/// Markdown, where each figure stands beside its baseline and the design goal it is judged against.
/// </summary>
internal static class Report
{
    // The design goals from the benchmark issue; reported beside the figures, never asserted.
    private const double GoalIngestRatio = 1.0;
    private const double GoalIngestP99Ms = 25;
    private const double GoalLineageP99Ms = 50;
    private const int GoalLineageJobs = 1_000_000;
    private const double GoalRebuildEventsPerSecond = 20_000;
    private const double GoalStartupMs = 1500;
    private const double GoalPeakRssMb = 300;

    public static JsonObject Json(BenchResults r)
    {
        var o = r.Options;
        var ingest = r.Ingest;
        var json = new JsonObject
        {
            ["date"] = r.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["mode"] = o.Mode,
            ["revision"] = o.Revision,
            ["baseline_tx_per_s"] = Round(r.Baseline?.TxPerSecond, 1),
            ["baseline_latency_avg_ms"] = Round(r.Baseline?.LatencyAverageMs, 3),
            ["baseline_seconds"] = o.BaselineSeconds,
            ["baseline_pg_cpu_ms_per_tx"] = Round(PerRequestMs(r.BaselineCpu?.PostgresSeconds, r.Baseline?.Transactions), 3),
            ["baseline_cores"] = Cores(r.BaselineCpu, "pgbench"),
            ["ingest_concurrency"] = o.Concurrency,
            ["ingest_seconds"] = Round(ingest?.WindowSeconds, 2),
            ["ingest_events"] = ingest?.Events,
            ["ingest_jobs"] = ingest?.Jobs,
            ["ingest_events_per_s"] = Round(ingest?.EventsPerSecond, 1),
            ["ingest_events_per_wall_s"] = Round(ingest?.EventsPerWallSecond, 1),
            ["ingest_appends_per_s"] = Round(ingest?.AppendsPerSecond, 1),
            ["ingest_ratio"] = Round(r.IngestRatio, 3),
            ["ingest_p50_ms"] = Round(ingest?.P50Ms, 2),
            ["ingest_p90_ms"] = Round(ingest?.P90Ms, 2),
            ["ingest_p99_ms"] = Round(ingest?.P99Ms, 2),
            ["ingest_p999_ms"] = Round(ingest?.P999Ms, 2),
            ["ingest_max_ms"] = Round(ingest?.MaxMs, 2),
            ["ingest_create_p50_ms"] = Round(ingest?.CreateP50Ms, 2),
            ["ingest_create_p99_ms"] = Round(ingest?.CreateP99Ms, 2),
            ["ingest_appends"] = r.IngestAppends,
            ["ingest_catalog_cpu_ms_per_append"] = Round(PerRequestMs(r.IngestCpu?.CatalogSeconds, r.IngestAppends), 3),
            ["ingest_pg_cpu_ms_per_append"] = Round(PerRequestMs(r.IngestCpu?.PostgresSeconds, r.IngestAppends), 3),
            ["ingest_loadgen_cpu_ms_per_append"] = Round(PerRequestMs(r.IngestCpu?.SelfSeconds, r.IngestAppends), 3),
            ["ingest_cores"] = Cores(r.IngestCpu, "load_generator"),
            ["ingest_top_statements"] = r.IngestStatements is null ? null : new JsonArray(r.IngestStatements.Select(t => (JsonNode)new JsonObject
            {
                ["calls"] = t.Calls,
                ["total_ms"] = Round(t.TotalMs, 1),
                ["mean_ms"] = Round(t.MeanMs, 3),
                ["rows"] = t.Rows,
                ["query"] = t.Query,
            }).ToArray()),
            ["ingest_metrics"] = r.IngestMetrics is null ? null : new JsonArray(r.IngestMetrics.Select(line => (JsonNode)line).ToArray()),
            ["ingest_errors"] = ingest?.Errors,
            ["ingest_lost"] = r.Lost,
            ["ingest_unacknowledged_stored"] = r.Unacknowledged,
            ["ingest_errors_by_status"] = ingest is null
                ? null
                : new JsonObject(ingest.ErrorsByStatus.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))),
            ["projection_catchup_ms"] = Round(r.ProjectionCatchUpMs, 0),
            ["lineage_jobs"] = r.Lineage?.Graph.Jobs,
            ["lineage_files"] = r.Lineage?.Graph.Files,
            ["lineage_edges"] = r.Lineage?.Graph.Edges,
            ["lineage_load_s"] = Round(r.Lineage?.Graph.LoadSeconds, 1),
            ["lineage_depth10_p99_ms"] = Round(r.Lineage?.Depth10P99Ms, 2),
            ["lineage_depth3_p99_ms"] = Round(r.Lineage?.Depth3P99Ms, 2),
            ["lineage_as_of_depth3_p99_ms"] = Round(r.Lineage?.AsOfDepth3P99Ms, 2),
            ["lineage_as_of_ratio"] = Round(r.Lineage?.AsOfRatio, 2),
            ["lineage"] = r.Lineage is null ? null : new JsonArray(r.Lineage.Cases.Select(c => (JsonNode)new JsonObject
            {
                ["depth"] = c.Depth,
                ["direction"] = c.Direction,
                ["queries"] = c.Queries,
                ["p50_ms"] = Round(c.P50Ms, 2),
                ["p99_ms"] = Round(c.P99Ms, 2),
                ["max_ms"] = Round(c.MaxMs, 2),
                ["mean_nodes"] = Round(c.MeanNodes, 1),
                ["truncated"] = c.Truncated,
                ["truncated_p50_ms"] = Round(c.TruncatedP50Ms, 2),
                ["errors"] = c.Errors,
                ["as_of"] = c.AsOf,
            }).ToArray()),
            ["rebuild_projection"] = r.Rebuild?.Projection,
            ["rebuild_cloned_events"] = r.RebuildClonedEvents,
            ["projection_catchup_cloned_s"] = Round(r.ClonedCatchUpSeconds, 2),
            ["rebuild_events"] = r.Rebuild?.Events,
            ["rebuild_seconds"] = Round(r.Rebuild?.Seconds, 3),
            ["rebuild_events_per_s"] = Round(r.Rebuild?.EventsPerSecond, 1),
            ["startup_ms"] = Round(r.StartupMs, 0),
            ["startup_first_event_ms"] = Round(r.StartupFirstEventMs, 0),
            ["startup_restart_ms"] = Round(r.StartupRestartMs, 0),
            ["peak_rss_mb"] = Round(r.PeakRssMb, 1),
            ["peak_rss_hwm_mb"] = Round(r.PeakHwmMb, 1),
            ["total_seconds"] = Round(r.TotalSeconds, 1),
            ["machine"] = r.Machine is not { } m ? null : new JsonObject
            {
                ["cores"] = m.Cores,
                ["memory_gib"] = m.MemoryGiB,
                ["cpu"] = m.CpuModel,
                ["kernel"] = m.Kernel,
                ["postgresql"] = m.PostgresVersion,
                ["shared_buffers"] = m.SharedBuffers,
                ["dotnet"] = m.DotnetVersion,
                ["load_average_start"] = m.LoadAverage,
                ["load_average_end"] = r.LoadAtEnd,
            },
            ["notes"] = new JsonArray(r.Notes.Select(n => (JsonNode?)n).ToArray()),
            ["failures"] = new JsonArray(r.Failures.Select(f => (JsonNode?)f).ToArray()),
        };
        return json;
    }

    public static string Markdown(BenchResults r)
    {
        var o = r.Options;
        var m = r.Machine;
        var s = new StringBuilder();
        s.AppendLine(Inv($"# Catalog benchmark, {r.StartedAt:yyyy-MM-dd} ({o.Mode})"));
        s.AppendLine();
        s.AppendLine("Produced by `./build/bench" + (o.Mode == "quick" ? "" : " --" + o.Mode) + "`" +
            (o.Revision is null ? "" : $" on revision `{o.Revision}`") + ". Figures are reported, never asserted.");
        s.AppendLine();
        s.AppendLine("## Machine");
        s.AppendLine();
        if (m is not null)
        {
            s.AppendLine(Inv($"- {m.Cores} cores ({m.CpuModel}), {m.MemoryGiB} GiB RAM, Linux {m.Kernel}"));
            s.AppendLine(Inv($"- PostgreSQL {m.PostgresVersion} (a throwaway cluster with build/pg.sh's settings: fsync on, synchronous_commit on, shared_buffers {m.SharedBuffers}), .NET {m.DotnetVersion}"));
            s.AppendLine(Inv($"- load average (1/5/15 min) at start {m.LoadAverage}, at end {r.LoadAtEnd}"));
        }
        s.AppendLine("- PostgreSQL, the catalog, the load generator and pgbench share these cores, so every figure is a lower bound for a dedicated database host.");
        s.AppendLine();
        s.AppendLine("## Sizes");
        s.AppendLine();
        s.AppendLine(Inv($"- baseline: `pgbench -M prepared -c {o.Concurrency} -j {Math.Min(2, o.Concurrency)} -T {o.BaselineSeconds}`, each transaction inserts one event row and upserts one document row (synchronous_commit on), in a database of its own."));
        s.AppendLine(Inv($"- ingest: {o.Concurrency} agents for {o.IngestSeconds} s after {o.WarmupSeconds} s of warm-up; each job gets {IngestLoad.EventsPerJob} events in order (run, update ×5, finish, index, indexed) with its token, one at a time; job creation is timed separately and left out of events/s."));
        s.AppendLine(r.RebuildClonedEvents is > 0
            ? Inv($"- rebuild: `{Projections.JobDocuments}` from position 0 over {r.Rebuild?.Events ?? 0:N0} events: what ingest wrote plus {r.RebuildClonedEvents:N0} events of cloned ingested streams (new job UUIDs, same payloads), so fixed costs do not dominate.")
            : Inv($"- rebuild: `{Projections.JobDocuments}` from position 0 over everything ingest wrote."));
        s.AppendLine(r.Lineage is { } lineage
            ? Inv($"- lineage: a synthetic graph of {lineage.Graph.Jobs:N0} jobs, {lineage.Graph.Files:N0} files and {lineage.Graph.Edges:N0} edges (COPY in {lineage.Graph.LoadSeconds:0.0} s, then VACUUM ANALYZE of the whole database and the tables and indexes the route reads loaded into the buffers with pg_prewarm); {o.LineageSamples} queries per depth and direction from random roots, one at a time, default node limit.")
            : Inv($"- lineage: a synthetic graph of {o.LineageJobs:N0} jobs (not measured in this run)."));
        s.AppendLine();
        s.AppendLine("## Results");
        s.AppendLine();
        s.Append(ResultsTable(r));
        if (r.Lineage is { } measured)
        {
            s.AppendLine();
            s.AppendLine("## Lineage latency");
            s.AppendLine();
            s.AppendLine("| depth | direction | queries | p50 ms | p99 ms | max ms | mean nodes | truncated at the node limit (p50 ms) | errors |");
            s.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            foreach (var c in measured.Cases)
            {
                s.AppendLine(Inv($"| {c.Depth} | {c.Direction}{(c.AsOf ? " (as of a time)" : "")} | {c.Queries} | {F(c.P50Ms, 1)} | {F(c.P99Ms, 1)} | {F(c.MaxMs, 1)} | {c.MeanNodes:0.0} | {c.Truncated}{(c.Truncated > 0 ? $" ({F(c.TruncatedP50Ms, 1)})" : "")} | {c.Errors} |"));
            }
        }
        if (r.BaselineCpu is not null || r.IngestCpu is not null)
        {
            s.AppendLine();
            s.AppendLine("## Where the CPU went");
            s.AppendLine();
            s.AppendLine("Cores used on average (CPU seconds per wall-clock second, from /proc); \"other\" is every process that is not part of the run.");
            s.AppendLine();
            s.AppendLine("| part | catalog | PostgreSQL | client (pgbench / load generator) | other processes | idle | catalog CPU per request | PostgreSQL CPU per request |");
            s.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            if (r.BaselineCpu is { } b)
            {
                s.AppendLine(Inv($"| baseline | — | {F(b.PostgresCores, 2)} | {F(b.SelfCores, 2)} | {F(b.OtherCores, 2)} | {F(b.IdleCores, 2)} | — | {F(PerRequestMs(b.PostgresSeconds, r.Baseline?.Transactions), 3)} ms |"));
            }
            if (r.IngestCpu is { } i)
            {
                s.AppendLine(Inv($"| ingest | {F(i.CatalogCores, 2)} | {F(i.PostgresCores, 2)} | {F(i.SelfCores, 2)} | {F(i.OtherCores, 2)} | {F(i.IdleCores, 2)} | {F(PerRequestMs(i.CatalogSeconds, r.IngestAppends), 3)} ms | {F(PerRequestMs(i.PostgresSeconds, r.IngestAppends), 3)} ms |"));
            }
        }
        if (r.Ingest is { } ingest)
        {
            s.AppendLine();
            s.AppendLine("## Ingest detail");
            s.AppendLine();
            s.AppendLine(Inv($"- {ingest.Events:N0} events and {ingest.Creates:N0} job creations acknowledged in a {ingest.WindowSeconds:0.0} s window ({ingest.Jobs:N0} jobs in all, warm-up included)."));
            s.AppendLine(Inv($"- events/s with creation time left out {F(ingest.EventsPerSecond, 0)}; per wall-clock second {F(ingest.EventsPerWallSecond, 0)}; all appends (events + creations) per wall-clock second {F(ingest.AppendsPerSecond, 0)}."));
            s.AppendLine(Inv($"- event latency p50 {F(ingest.P50Ms, 1)} ms, p90 {F(ingest.P90Ms, 1)} ms, p99 {F(ingest.P99Ms, 1)} ms, p99.9 {F(ingest.P999Ms, 1)} ms, max {F(ingest.MaxMs, 1)} ms; job creation p50 {F(ingest.CreateP50Ms, 1)} ms, p99 {F(ingest.CreateP99Ms, 1)} ms."));
            s.AppendLine(Inv($"- errors {ingest.Errors}{(ingest.ErrorsByStatus.Count == 0 ? "" : " (" + string.Join(", ", ingest.ErrorsByStatus.Select(e => $"{e.Key}: {e.Value}")) + ")")}; lost {F(r.Lost, 0)}; stored without acknowledgement {F(r.Unacknowledged, 0)}."));
            s.AppendLine(Inv($"- the asynchronous projections (lineage, files) caught up {F(r.ProjectionCatchUpMs, 0)} ms after the load stopped; peak RSS high-water mark of the process (start-up included) {F(r.PeakHwmMb, 0)} MB."));
        }
        if (r.IngestStatements is { Count: > 0 } top)
        {
            s.AppendLine();
            s.AppendLine("## PostgreSQL statements during ingest (pg_stat_statements, by total execution time)");
            s.AppendLine();
            s.AppendLine("| calls | total ms | mean ms | rows | statement |");
            s.AppendLine("| ---: | ---: | ---: | ---: | --- |");
            foreach (var t in top)
            {
                s.AppendLine(Inv($"| {t.Calls:N0} | {t.TotalMs:N0} | {t.MeanMs:0.000} | {t.Rows:N0} | `{t.Query.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` |"));
            }
        }
        if (r.IngestMetrics is { Count: > 0 } metrics)
        {
            s.AppendLine();
            s.AppendLine("## The catalog's metrics after ingest (excerpt of /metrics)");
            s.AppendLine();
            s.AppendLine("```");
            foreach (var line in metrics)
            {
                s.AppendLine(line);
            }
            s.AppendLine("```");
        }
        if (r.Notes.Count > 0 || r.Failures.Count > 0)
        {
            s.AppendLine();
            s.AppendLine("## Notes");
            s.AppendLine();
            foreach (var note in r.Notes)
            {
                s.AppendLine("- " + note);
            }
            foreach (var failure in r.Failures)
            {
                s.AppendLine("- FAILED: " + failure);
            }
        }
        return s.ToString();
    }

    /// <summary>The headline table, printed to the console as well.</summary>
    public static string Table(BenchResults r) => ResultsTable(r);

    private static string ResultsTable(BenchResults r)
    {
        var o = r.Options;
        var ingest = r.Ingest;
        var baseline = r.Baseline;
        var lineageJobs = r.Lineage?.Graph.Jobs;
        var s = new StringBuilder();
        s.AppendLine("| figure | measured | baseline / reference | design goal | goal met |");
        s.AppendLine("| --- | ---: | --- | --- | --- |");
        Row(s, Inv($"ingest events/s (C={o.Concurrency})"), F(ingest?.EventsPerSecond, 0),
            baseline is null ? "pgbench: not measured" : Inv($"pgbench {baseline.TxPerSecond:N0} tx/s"),
            Inv($"ratio ≥ {GoalIngestRatio:0.0}"), Met(r.IngestRatio, v => v >= GoalIngestRatio, Inv($"ratio {F(r.IngestRatio, 2)}")));
        Row(s, "ingest latency p50 / p99", Inv($"{F(ingest?.P50Ms, 1)} / {F(ingest?.P99Ms, 1)} ms"),
            baseline?.LatencyAverageMs is { } avg ? Inv($"pgbench average {avg:0.0} ms") : "—",
            Inv($"p99 ≤ {GoalIngestP99Ms} ms at C=16"), o.Concurrency == 16 ? Met(ingest?.P99Ms, v => v <= GoalIngestP99Ms) : "— (C≠16)");
        Row(s, "ingest errors / lost", Inv($"{F(ingest?.Errors, 0)} / {F(r.Lost, 0)}"), "—", "0 / 0",
            Met(ingest is null || r.Lost is null ? null : ingest.Errors + r.Lost.Value, v => v == 0));
        Row(s, "lineage depth 10 p99 (slower direction)", r.Lineage is null ? "null" : Inv($"{F(r.Lineage.Depth10P99Ms, 1)} ms"),
            lineageJobs is { } jobs ? Inv($"graph of {jobs:N0} jobs") : "—",
            Inv($"≤ {GoalLineageP99Ms} ms at {GoalLineageJobs:N0} jobs"),
            lineageJobs >= GoalLineageJobs
                ? Met(r.Lineage?.Depth10P99Ms, v => v <= GoalLineageP99Ms)
                : Met(r.Lineage?.Depth10P99Ms, v => v <= GoalLineageP99Ms, "indicative only (smaller graph)"));
        Row(s, "lineage depth 3 p99 as of a time (slower direction)", r.Lineage is null ? "null" : Inv($"{F(r.Lineage.AsOfDepth3P99Ms, 1)} ms"),
            r.Lineage is null ? "—" : Inv($"live {F(r.Lineage.Depth3P99Ms, 1)} ms"), "≤ 5 × live at depth 3",
            Met(r.Lineage?.AsOfRatio, v => v <= 5, Inv($"{F(r.Lineage?.AsOfRatio, 2)} × live")));
        Row(s, "rebuild events/s", F(r.Rebuild?.EventsPerSecond, 0),
            "anchors §4.2: COPY ≈ 68k rows/s; a 500-event catch-up read 0.3–0.7 ms",
            Inv($"≥ {GoalRebuildEventsPerSecond:N0}"), Met(r.Rebuild?.EventsPerSecond, v => v >= GoalRebuildEventsPerSecond));
        Row(s, "start-up to first /health answer", Inv($"{F(r.StartupMs, 0)} ms"), "empty database (schema applied)",
            Inv($"≤ {GoalStartupMs:N0} ms"), Met(r.StartupMs, v => v <= GoalStartupMs));
        Row(s, "start-up to first accepted event", Inv($"{F(r.StartupFirstEventMs, 0)} ms"), "pipeline + job + event after /health", "—", "—");
        Row(s, "restart to first /health answer", Inv($"{F(r.StartupRestartMs, 0)} ms"), "populated database",
            Inv($"≤ {GoalStartupMs:N0} ms"), Met(r.StartupRestartMs, v => v <= GoalStartupMs));
        Row(s, "peak RSS during ingest", Inv($"{F(r.PeakRssMb, 0)} MB"), "VmRSS sampled every 100 ms",
            Inv($"≤ {GoalPeakRssMb:N0} MB"), Met(r.PeakRssMb, v => v <= GoalPeakRssMb));
        return s.ToString();
    }

    private static double? PerRequestMs(double? cpuSeconds, long? requests) =>
        cpuSeconds is { } seconds && requests is > 0 ? seconds * 1000 / requests.Value : null;

    private static JsonObject? Cores(CpuUsage? usage, string client) => usage is null ? null : new JsonObject
    {
        ["catalog"] = Round(usage.CatalogCores, 3),
        ["postgres"] = Round(usage.PostgresCores, 3),
        [client] = Round(usage.SelfCores, 3),
        ["other_processes"] = Round(usage.OtherCores, 3),
        ["idle"] = Round(usage.IdleCores, 3),
    };

    private static void Row(StringBuilder s, string figure, string measured, string baseline, string goal, string met) =>
        s.AppendLine($"| {figure} | {measured} | {baseline} | {goal} | {met} |");

    private static string Met(double? value, Func<double, bool> goal, string? detail = null) => value is not { } v
        ? "—"
        : (goal(v) ? "yes" : "no") + (detail is null ? "" : $" ({detail})");

    private static string F(double? value, int decimals) => value is { } v
        ? v.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : "—";

    private static JsonValue? Round(double? value, int decimals) => value is { } v ? JsonValue.Create(Math.Round(v, decimals)) : null;

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
