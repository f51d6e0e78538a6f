using System.Globalization;
using Catalog.ToolKit;

namespace Catalog.Chaos;

/// <summary>
/// What build/chaos hands the runner (where the catalog, PostgreSQL and the outputs are, which keys to use) and the
/// sizes of the chosen mode. Sizes can be overridden one by one, so a single part can be explored without editing code.
/// </summary>
internal sealed class ChaosOptions
{
    public const string Usage = """
        usage: Catalog.Chaos --mode smoke|full --api-dll PATH --content-root DIR --api-port N --catalog-db CONNSTR
                             --pg-sh PATH --pg-bin DIR --pg-data DIR --pg-port N --admin-key KEY --agent-key KEY
                             --storage-root DIR --work-dir DIR --json-out PATH [--latest-out PATH] [--dotnet PATH]
                             [--attacks-dll PATH] [--attacks-project PATH] [--kills N] [--outage-seconds N]
                             [--agents N] [--duplicates N] [--contention-agents N] [--contention-events N]
                             [--attack-requests N] [--seed N] [--revision REV]
        """;

    public required string Mode { get; init; }
    public required string ApiDll { get; init; }
    public required string ContentRoot { get; init; }
    public required int ApiPort { get; init; }
    public required string CatalogDb { get; init; }
    /// <summary>build/pg.sh, whose pg_ctl wrappers stop and start the cluster as the unprivileged PostgreSQL user.</summary>
    public required string PgSh { get; init; }
    public required string PgBin { get; init; }
    public required string PgData { get; init; }
    public required int PgPort { get; init; }
    public required string AdminKey { get; init; }
    public required string AgentKey { get; init; }
    public required string StorageRoot { get; init; }
    public required string WorkDir { get; init; }
    public required string JsonOut { get; init; }
    public string? LatestOut { get; init; }
    public required string Dotnet { get; init; }
    /// <summary>The built attack tool; null when its project is absent (parts 5 and 6 are then "not run").</summary>
    public string? AttacksDll { get; init; }
    /// <summary>True when chaos/Catalog.Attacks exists, so a missing DLL is a failure rather than "not run".</summary>
    public bool AttacksProjectExists { get; init; }
    public string? Revision { get; init; }

    public required int Kills { get; init; }
    public required int OutageSeconds { get; init; }
    /// <summary>Concurrent agents of the background load that runs through the crash and outage parts.</summary>
    public required int Agents { get; init; }
    /// <summary>Events delivered three times each in the duplicates part.</summary>
    public required int Duplicates { get; init; }
    public required int ContentionAgents { get; init; }
    /// <summary>Events each contention agent posts to the shared job.</summary>
    public required int ContentionEvents { get; init; }
    public required int AttackRequests { get; init; }
    public required int Seed { get; init; }

    public string ApiUrl => $"http://127.0.0.1:{ApiPort.ToString(CultureInfo.InvariantCulture)}";
    public string ApiLog => Path.Combine(WorkDir, "catalog.log");
    public string PidFile => Path.Combine(WorkDir, "catalog.pid");
    public string AttackSecretsFile => Path.Combine(WorkDir, "attack-secrets.txt");

    public static ChaosOptions Parse(IReadOnlyList<string> args)
    {
        var arguments = new ToolArguments(args);

        var mode = arguments.Required("mode");
        var full = mode switch
        {
            "full" => true,
            "smoke" => false,
            _ => throw new ArgumentException($"--mode must be smoke or full, not '{mode}'"),
        };
        return new ChaosOptions
        {
            Mode = mode,
            ApiDll = arguments.Required("api-dll"),
            ContentRoot = arguments.Required("content-root"),
            ApiPort = arguments.Int("api-port", 0) is > 0 and var port ? port : throw new ArgumentException("--api-port is required"),
            CatalogDb = arguments.Required("catalog-db"),
            PgSh = arguments.Required("pg-sh"),
            PgBin = arguments.Required("pg-bin"),
            PgData = arguments.Required("pg-data"),
            PgPort = arguments.Int("pg-port", 0) is > 0 and var pgPort ? pgPort : throw new ArgumentException("--pg-port is required"),
            AdminKey = arguments.Required("admin-key"),
            AgentKey = arguments.Required("agent-key"),
            StorageRoot = arguments.Required("storage-root"),
            WorkDir = arguments.Required("work-dir"),
            JsonOut = arguments.Required("json-out"),
            LatestOut = arguments.Optional("latest-out"),
            Dotnet = arguments.Optional("dotnet") ?? "dotnet",
            AttacksDll = arguments.Optional("attacks-dll"),
            AttacksProjectExists = arguments.Optional("attacks-project") is { } project && File.Exists(project),
            Revision = arguments.Optional("revision"),
            Kills = arguments.Int("kills", full ? 20 : 2),
            OutageSeconds = arguments.Int("outage-seconds", full ? 10 : 3),
            Agents = arguments.Int("agents", full ? 16 : 8),
            Duplicates = arguments.Int("duplicates", full ? 2000 : 150),
            ContentionAgents = arguments.Int("contention-agents", 100),
            ContentionEvents = arguments.Int("contention-events", full ? 20 : 3),
            AttackRequests = arguments.Int("attack-requests", full ? 100_000 : 2000),
            Seed = arguments.Int("seed", 7),
        };
    }
}
