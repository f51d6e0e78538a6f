using System.Globalization;
using Catalog.ToolKit;

namespace Catalog.Bench;

/// <summary>
/// What build/bench hands the tool (where the catalog, PostgreSQL and the outputs are, which keys to use) and the sizes
/// of the chosen mode. Sizes can be overridden one by one, so a single part can be explored without editing code.
/// </summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: Catalog.Bench --mode smoke|quick|full --api-dll PATH --content-root DIR --api-port N
                             --catalog-db CONNSTR --baseline-db CONNSTR --pg-port N --pg-bin DIR
                             --admin-key KEY --agent-key KEY --storage-root DIR --work-dir DIR
                             --json-out PATH --md-out PATH [--latest-out PATH] [--dotnet PATH]
                             [--concurrency N] [--seconds N] [--warmup-seconds N] [--baseline-seconds N]
                             [--pg-data DIR] [--revision REV] [--rebuild-events N] [--lineage-jobs N] [--lineage-samples N] [--seed N]
        """;

    public required string Mode { get; init; }
    public required string ApiDll { get; init; }
    public required string ContentRoot { get; init; }
    public required int ApiPort { get; init; }
    public required string CatalogDb { get; init; }
    public required string BaselineDb { get; init; }
    public required int PgPort { get; init; }
    public required string PgBin { get; init; }
    /// <summary>The cluster's data directory, to find its postmaster and account for its CPU time (optional).</summary>
    public string? PgData { get; init; }
    public required string AdminKey { get; init; }
    public required string AgentKey { get; init; }
    public required string StorageRoot { get; init; }
    public required string WorkDir { get; init; }
    public required string JsonOut { get; init; }
    public required string MdOut { get; init; }
    public string? LatestOut { get; init; }
    public required string Dotnet { get; init; }
    /// <summary>What was measured, e.g. "ab49f5e+dirty" (the git revision, and whether the work tree had changes).</summary>
    public string? Revision { get; init; }

    /// <summary>Concurrent agents during ingest, and pgbench clients for the baseline (the same on purpose).</summary>
    public required int Concurrency { get; init; }
    public required int IngestSeconds { get; init; }
    /// <summary>Load before the measured window, so tiered JIT and connection pools are warm when it opens.</summary>
    public required double WarmupSeconds { get; init; }
    public required int BaselineSeconds { get; init; }
    /// <summary>
    /// The event log's size before the rebuild: ingested streams are cloned until it holds this many events, so the
    /// rebuild rate is not dominated by fixed costs when ingest was slow.
    /// </summary>
    public required int RebuildEvents { get; init; }
    public required int LineageJobs { get; init; }
    /// <summary>Lineage queries per depth and direction.</summary>
    public required int LineageSamples { get; init; }
    public required int Seed { get; init; }

    public string ApiUrl => $"http://127.0.0.1:{ApiPort.ToString(CultureInfo.InvariantCulture)}";
    public string ApiLog => Path.Combine(WorkDir, "catalog.log");
    public string PidFile => Path.Combine(WorkDir, "catalog.pid");

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = new ToolArguments(args);

        var mode = arguments.Required("mode");
        // Sizes per mode: smoke keeps ./build/test fast, quick is the default few-minute run, full is the large graph.
        var (concurrency, seconds, warmup, rebuildEvents, lineageJobs, samples) = mode switch
        {
            "smoke" => (4, 3, 0.5, 5_000, 2_000, 20),
            "quick" => (16, 30, 3.0, 50_000, 100_000, 200),
            "full" => (16, 60, 5.0, 1_000_000, 1_000_000, 300),
            _ => throw new ArgumentException($"--mode must be smoke, quick or full, not '{mode}'"),
        };
        var ingestSeconds = arguments.Int("seconds", seconds);
        return new BenchOptions
        {
            Mode = mode,
            ApiDll = arguments.Required("api-dll"),
            ContentRoot = arguments.Required("content-root"),
            ApiPort = arguments.Int("api-port", 0),
            CatalogDb = arguments.Required("catalog-db"),
            BaselineDb = arguments.Required("baseline-db"),
            PgPort = arguments.Int("pg-port", 0),
            PgBin = arguments.Required("pg-bin"),
            PgData = arguments.Optional("pg-data"),
            AdminKey = arguments.Required("admin-key"),
            AgentKey = arguments.Required("agent-key"),
            StorageRoot = arguments.Required("storage-root"),
            WorkDir = arguments.Required("work-dir"),
            JsonOut = arguments.Required("json-out"),
            MdOut = arguments.Required("md-out"),
            LatestOut = arguments.Optional("latest-out"),
            Dotnet = arguments.Optional("dotnet") ?? Environment.ProcessPath ?? "dotnet",
            Revision = arguments.Optional("revision"),
            Concurrency = arguments.Int("concurrency", concurrency),
            IngestSeconds = ingestSeconds,
            WarmupSeconds = arguments.Seconds("warmup-seconds", warmup),
            BaselineSeconds = arguments.Int("baseline-seconds", ingestSeconds),
            RebuildEvents = arguments.Int("rebuild-events", rebuildEvents),
            LineageJobs = arguments.Int("lineage-jobs", lineageJobs),
            LineageSamples = arguments.Int("lineage-samples", samples),
            Seed = arguments.Int("seed", 20261124),
        } is { ApiPort: > 0, PgPort: > 0 } options
            ? options
            : throw new ArgumentException("--api-port and --pg-port are required");
    }
}
