using System.Globalization;
using System.Text;

namespace Catalog.Chaos;

/// <summary>The table build/chaos prints: one row per figure, then each part's verdict and its problems.</summary>
internal static class Report
{
    public static string Table(ChaosResults r, ChaosOptions options)
    {
        string N(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "not run";
        var rows = new List<(string, string)>
        {
            ("load held", $"{r.LoadAgents} agents, {r.LoadEventsPerSecond?.ToString("0.#", CultureInfo.InvariantCulture) ?? "-"} events/s acknowledged through the kills"),
            ("kills survived", $"{r.Kills} of {options.Kills} (slowest restart to /health 200: {r.RestartMaxSeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"} s)"),
            ("outage seconds", r.OutageSeconds is null ? "not run"
                : $"{r.OutageSeconds} s ({N(r.Outage503)} proper 503s, /health 503 ×{N(r.OutageHealth503)}, {N(r.OutageRouteProbes)} requests to other routes, recovered {r.OutageRecoverySeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"} s after restart; started during an outage: served {r.ColdStartRecoverySeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"} s after)"),
            ("duplicates sent / stored", r.DuplicatesSent is null ? "not run"
                : $"{N(r.DuplicatesSent)} / {N(r.DuplicatesStored)} (stored twice {N(r.DuplicatesExtraStored)}, missing {N(r.DuplicatesMissing)})"),
            ("contention", r.ContentionEvents is null ? "not run"
                : $"{r.ContentionAgents} agents, {N(r.ContentionEvents)} events, lost {N(r.ContentionLost)}, version gaps {N(r.ContentionVersionGaps)}, resent {N(r.ContentionRetries)}"),
            ("hostile requests tried", r.HostileRequests is null ? "not run"
                : $"{N(r.HostileRequests)} (rejected changes {N(r.RejectedChanges)}, peak RSS {r.HostilePeakRssMb?.ToString("0.#", CultureInfo.InvariantCulture)} MB)"),
            ("innocent / rebuild requests", r.InnocentRequests is null ? "not run"
                : $"{N(r.InnocentRequests)} (failures {N(r.InnocentFailures)}) / {N(r.RebuildRequests)} (failures {N(r.RebuildFailures)})"),
            ("storage wall / unstorable text", r.WallChecks is null ? "not run"
                : $"{N(r.WallChecks)} checks (failures {N(r.WallFailures)}) / {N(r.UnstorableRequests)} requests (not 422: {N(r.UnstorableNot422)})"),
            ("access checks", r.AccessChecks is null ? "not run" : $"{N(r.AccessChecks)} (failures {N(r.AccessFailures)})"),
            ("5xx seen (not the outage's 503)", N(r.ServerErrors)),
            ("events lost", $"{N(r.Lost)} of {N(r.Acknowledged)} acknowledged (stored twice: {N(r.ExtraStored)})"),
            ("secrets in logs", N(r.SecretsInLogs)),
        };
        var width = rows.Max(row => row.Item1.Length);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"chaos ({options.Mode})");
        foreach (var (name, value) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {name.PadRight(width)}  {value}");
        }
        foreach (var part in r.Parts.Values)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {part.Name,-11} {part.Verdict}{(part.NotRunReason is { } why ? $" ({why})" : "")}");
            foreach (var problem in part.Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"      - {problem}");
            }
        }
        return text.ToString();
    }
}
