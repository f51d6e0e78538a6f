using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>
/// The figures of a run, written as <c>chaos/results/*.json</c>. A figure of a part that did not run stays null, so
/// the file never shows zeros that look like success.
/// </summary>
internal sealed class ChaosResults
{
    public Dictionary<string, PartOutcome> Parts { get; } = new(StringComparer.Ordinal);

    public int LoadAgents { get; set; }
    public double? LoadEventsPerSecond { get; set; }
    public long Acknowledged { get; set; }
    public long Lost { get; set; }
    public long ExtraStored { get; set; }
    public int Kills { get; set; }
    public double? RestartMaxSeconds { get; set; }
    public int? OutageSeconds { get; set; }
    public long? Outage503 { get; set; }
    public long? OutageHealth503 { get; set; }
    /// <summary>Requests to routes other than the event routes while the database was down.</summary>
    public long? OutageRouteProbes { get; set; }
    public double? OutageRecoverySeconds { get; set; }
    public double? ColdStartRecoverySeconds { get; set; }
    public long? DuplicatesStored { get; set; }
    public long? DuplicatesSent { get; set; }
    public long? DuplicatesExtraStored { get; set; }
    public long? DuplicatesMissing { get; set; }
    public int? ContentionAgents { get; set; }
    public long? ContentionEvents { get; set; }
    public long? ContentionLost { get; set; }
    public long? ContentionVersionGaps { get; set; }
    /// <summary>Contention requests sent again because they went unanswered (timed out) or got a 5xx.</summary>
    public long? ContentionRetries { get; set; }
    public Dictionary<string, double> PartSeconds { get; } = new(StringComparer.Ordinal);
    public long? HostileRequests { get; set; }
    public long? RejectedChanges { get; set; }
    public long? AccessChecks { get; set; }
    public long? AccessFailures { get; set; }
    public double? HostilePeakRssMb { get; set; }
    /// <summary>Issue 11's promises as the attack tool checks them (innocent traffic, rebuilds under traffic, the
    /// storage-root wall, unstorable text).</summary>
    public long? InnocentRequests { get; set; }
    public long? InnocentFailures { get; set; }
    public long? RebuildRequests { get; set; }
    public long? RebuildFailures { get; set; }
    public long? WallChecks { get; set; }
    public long? WallFailures { get; set; }
    public long? UnstorableRequests { get; set; }
    public long? UnstorableNot422 { get; set; }
    public long ServerErrors { get; set; }
    public long? SecretsInLogs { get; set; }
    public long ProjectionMismatches { get; set; }

    public PartOutcome Part(string name)
    {
        if (!Parts.TryGetValue(name, out var part))
        {
            part = new PartOutcome(name);
            Parts[name] = part;
        }
        return part;
    }

    public bool AllPassed => Parts.Values.All(p => p.Passed || (!p.Ran && p.NotRunReason is not null && p.Problems.Count == 0));

    public JsonObject ToJson(ChaosOptions options, string machine)
    {
        var parts = new JsonObject();
        var problems = new JsonArray();
        foreach (var part in Parts.Values)
        {
            parts[part.Name] = part.Verdict;
            foreach (var problem in part.Problems)
            {
                problems.Add($"{part.Name}: {problem}");
            }
            if (part.NotRunReason is { } reason)
            {
                problems.Add($"{part.Name} not run: {reason}");
            }
        }
        return new JsonObject
        {
            ["date"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["mode"] = options.Mode,
            ["revision"] = options.Revision,
            ["machine"] = machine,
            ["parts"] = parts,
            ["load_agents"] = LoadAgents,
            ["load_events_per_s"] = LoadEventsPerSecond,
            ["acknowledged"] = Acknowledged,
            ["lost"] = Lost,
            ["extra_stored"] = ExtraStored,
            ["kills"] = Kills,
            ["restart_max_s"] = RestartMaxSeconds,
            ["outage_s"] = OutageSeconds,
            ["outage_503"] = Outage503,
            ["outage_health_503"] = OutageHealth503,
            ["outage_route_probes"] = OutageRouteProbes,
            ["outage_recovery_s"] = OutageRecoverySeconds,
            ["cold_start_recovery_s"] = ColdStartRecoverySeconds,
            ["duplicates_sent"] = DuplicatesSent,
            ["duplicates_stored"] = DuplicatesStored,
            ["duplicates_extra_stored"] = DuplicatesExtraStored,
            ["duplicates_missing"] = DuplicatesMissing,
            ["contention_agents"] = ContentionAgents,
            ["contention_events"] = ContentionEvents,
            ["contention_lost"] = ContentionLost,
            ["contention_version_gaps"] = ContentionVersionGaps,
            ["contention_retries"] = ContentionRetries,
            ["hostile_requests"] = HostileRequests,
            ["rejected_changes"] = RejectedChanges,
            ["access_checks"] = AccessChecks,
            ["access_failures"] = AccessFailures,
            ["hostile_peak_rss_mb"] = HostilePeakRssMb,
            ["innocent_requests"] = InnocentRequests,
            ["innocent_failures"] = InnocentFailures,
            ["rebuild_requests"] = RebuildRequests,
            ["rebuild_failures"] = RebuildFailures,
            ["wall_checks"] = WallChecks,
            ["wall_failures"] = WallFailures,
            ["unstorable_requests"] = UnstorableRequests,
            ["unstorable_not_422"] = UnstorableNot422,
            ["server_errors"] = ServerErrors,
            ["secrets_in_logs"] = SecretsInLogs,
            ["projection_mismatches"] = ProjectionMismatches,
            ["part_seconds"] = new JsonObject(PartSeconds.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["problems"] = problems,
        };
    }
}
