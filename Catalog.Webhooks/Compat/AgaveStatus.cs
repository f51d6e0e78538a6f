using Catalog.Core.Jobs;

namespace Catalog.Webhooks.Compat;

/// <summary>
/// python-datacatalog's Agave/Aloe job status → job event table (<c>AgaveEvents.agavejobs</c>), with the
/// jobs-manager's default: any status not in the table becomes <c>update</c>.
/// </summary>
public static class AgaveStatus
{
    // UPDATED maps to "updated" in python, which is no event at all (the FSM raised KeyError); the default the
    // jobs-manager applies to unknown statuses is the only reading that records the callback, so it becomes update.
    private static readonly Dictionary<string, JobEventName> Table = new(StringComparer.Ordinal)
    {
        ["CREATED"] = JobEventName.Resource,
        ["UPDATED"] = JobEventName.Update,
        ["DELETED"] = JobEventName.Fail,
        ["PERMISSION_GRANT"] = JobEventName.Resource,
        ["PERMISSION_REVOKE"] = JobEventName.Resource,
        ["PENDING"] = JobEventName.Resource,
        ["STAGING_INPUTS"] = JobEventName.Resource,
        ["CLEANING_UP"] = JobEventName.Resource,
        ["ARCHIVING"] = JobEventName.Resource,
        ["STAGING_JOB"] = JobEventName.Resource,
        ["ARCHIVING_FINISHED"] = JobEventName.Resource,
        ["HEARTBEAT"] = JobEventName.Update,
        ["FINISHED"] = JobEventName.Finish,
        ["KILLED"] = JobEventName.Update,
        ["FAILED"] = JobEventName.Fail,
        ["STOPPED"] = JobEventName.Fail,
        ["RUNNING"] = JobEventName.Run,
        ["PAUSED"] = JobEventName.Resource,
        ["QUEUED"] = JobEventName.Resource,
        ["SUBMITTING"] = JobEventName.Resource,
        ["STAGED"] = JobEventName.Resource,
        ["PROCESSING_INPUTS"] = JobEventName.Resource,
        ["ARCHIVING_FAILED"] = JobEventName.Fail,
    };

    /// <summary>The statuses the table names, upper-case.</summary>
    public static IReadOnlyCollection<string> Known => Table.Keys;

    /// <summary>The upper-cased status, as the jobs-manager looks it up and records it.</summary>
    public static string Normalize(string status) => status.Trim().ToUpperInvariant();

    /// <summary>Whether the table names the status (in any case, surrounding spaces ignored).</summary>
    public static bool IsKnown(string status) => Table.ContainsKey(Normalize(status));

    /// <summary>The job event an Agave/Aloe status stands for; statuses outside the table become <c>update</c>.</summary>
    public static JobEventName EventFor(string status) =>
        Table.TryGetValue(Normalize(status), out var name) ? name : JobEventName.Update;
}
