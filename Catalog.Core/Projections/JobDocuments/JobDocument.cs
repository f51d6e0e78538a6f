using System.Collections.Immutable;
using System.Globalization;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// The job document (http-api.md) without its history: a rendering of the job's one fold, <see cref="JobState"/>, so
/// the inline writer, the rebuild and the commands all see the same job. The history is the job's own events, read in
/// order when a whole document is asked for (<see cref="JobHistory"/>).
/// </summary>
public static class JobDocument
{
    /// <summary>The document of a job that exists.</summary>
    public static JObject Render(JobState state) => Write(state, whole: true);

    /// <summary>
    /// The document as the job_documents table keeps it: <see cref="Render"/> without the catalog's fields that hold
    /// their defaults (no owner, no tags, not started, ...) or that follow from others (blocked, submitted), which most
    /// jobs never set. The table is rewritten on every event, so a smaller row is less for PostgreSQL to check, write
    /// and log; readers get the whole document back with <see cref="Complete"/>.
    /// </summary>
    public static JObject Stored(JobState state) => Write(state, whole: false);

    // One list of the document's fields in the order documents show them. The stored form leaves a field out when it
    // holds its default, and removes what the spec's JSON wrote for it then (tags removed since, notes cleared).
    private static JObject Write(JobState state, bool whole)
    {
        var spec = state.Spec ?? throw new ArgumentException("A job that does not exist has no document.", nameof(state));
        var doc = JobEventJson.SpecJson(spec);
        void Set(string name, JToken? value, bool isDefault)
        {
            if (whole || !isDefault)
            {
                doc[name] = value;
            }
            else
            {
                doc.Remove(name);
            }
        }
        Set("state", state.Status.Wire(), false);
        Set("last_event", state.LastEvent, false);
        Set("created", JobEventJson.FormatTime(state.Created), false);
        Set("deleted", state.Deleted, false);
        Set("updated", JobEventJson.FormatTime(state.Updated), false);
        Set("version", state.Version, false);
        Set("owner", spec.Owner, spec.Owner is null);
        Set("notes", state.Notes, state.Notes is null);
        Set("tags", new JArray(state.Tags), state.Tags.Count == 0);
        Set("labels", JobEventJson.LabelsJson(state.Labels), state.Labels.Count == 0);
        Set("measurements", new JObject(state.Measurements.Select(m => new JProperty(m.Key, m.Value.DeepClone()))), state.Measurements.Count == 0);
        Set("max_wall_time", spec.MaxWallTime, spec.MaxWallTime is null);
        Set("auto_delete", spec.AutoDelete, !spec.AutoDelete);
        Set("completion_ttl", spec.CompletionTtl, spec.CompletionTtl is null);
        Set("depends_on", JobEventJson.DependsOnJson(spec.DependsOn), spec.DependsOn.Count == 0);
        Set("group", state.Group, state.Group is null);
        Set("openlineage", state.OpenLineage?.ToJson(), state.OpenLineage is null);
        Set("blocked", state.BlockedReason is not null, true);
        Set("blocked_reason", state.BlockedReason, state.BlockedReason is null);
        Set("submitted", JobEventJson.FormatTime(state.Created), true);
        Set("started", OptionalTime(state.Started), state.Started is null);
        Set("ended", OptionalTime(state.Ended), state.Ended is null);
        Set("state_entered", JobEventJson.FormatTime(state.StateEntered), false);
        Set("state_ms", new JObject(state.StateMilliseconds.Select(s => new JProperty(s.Key.Wire(), s.Value))), state.StateMilliseconds.Count == 0);
        return doc;
    }

    /// <summary>A stored document (whole, or as <see cref="Stored"/> keeps it) as readers get it: <see cref="Render"/>ed whole.</summary>
    public static JObject Complete(JObject stored) => Render(Read(stored));

    /// <summary>
    /// The state a stored document renders, to continue its fold (a rebuild batch picks up where the last one ended).
    /// What documents do not show (token generation, incarnation) is left at its initial value; rendering needs neither.
    /// </summary>
    public static JobState Read(JObject document) => new()
    {
        Exists = true,
        Spec = JobEventJson.SpecOf(document),
        Status = JobNames.TryParseStatus((string?)document["state"], out var status) ? status : JobStatus.Created,
        LastEvent = (string?)document["last_event"],
        Created = Time(document["created"]),
        Deleted = (bool?)document["deleted"] ?? false,
        Updated = Time(document["updated"]),
        Version = (long)document["version"]!,
        Tags = [.. (document["tags"] as JArray)?.Select(t => (string)t!) ?? []],
        Labels = ((document["labels"] as JObject)?.Properties() ?? [])
            .ToImmutableSortedDictionary(p => p.Name, p => (string)p.Value!, StringComparer.Ordinal),
        Notes = (string?)document["notes"],
        Group = (string?)document["group"],
        BlockedReason = (string?)document["blocked_reason"],
        OpenLineage = document["openlineage"] is JObject openLineage ? OpenLineage.OpenLineageReport.Of(openLineage) : null,
        Measurements = ((document["measurements"] as JObject)?.Properties() ?? [])
            .ToImmutableSortedDictionary(p => p.Name, p => p.Value.DeepClone(), StringComparer.Ordinal),
        Started = document["started"] is { Type: JTokenType.String } started ? Time(started) : null,
        Ended = document["ended"] is { Type: JTokenType.String } ended ? Time(ended) : null,
        StateEntered = document["state_entered"] is { Type: JTokenType.String } entered ? Time(entered) : Time(document["updated"]),
        StateMilliseconds = ((document["state_ms"] as JObject)?.Properties() ?? [])
            .Where(p => JobNames.TryParseStatus(p.Name, out _))
            .ToImmutableSortedDictionary(p => JobNames.TryParseStatus(p.Name, out var s) ? s : default, p => (long)p.Value!),
    };

    /// <summary>What a recorded command answers: <c>{uuid, state, last_event, version}</c>.</summary>
    public static JObject Answer(string jobUuid, JobState state) => new()
    {
        ["uuid"] = jobUuid,
        ["state"] = state.Status.Wire(),
        ["last_event"] = state.LastEvent,
        ["version"] = state.Version,
    };

    /// <summary>The history entry id: the typed <c>pipelinejob_event</c> UUID of <c>&lt;job uuid&gt;:&lt;version&gt;</c>.</summary>
    public static string EventUuid(string jobUuid, long version) => TypedUuid.Create(UuidType.PipelineJobEvent, $"{jobUuid}:{version}");

    private static string? OptionalTime(DateTimeOffset? time) => time is { } value ? JobEventJson.FormatTime(value) : null;

    private static DateTimeOffset Time(JToken? value) =>
        DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
