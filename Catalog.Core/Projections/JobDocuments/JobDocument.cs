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
    public static JObject Render(JobState state)
    {
        var doc = JobEventJson.SpecJson(state.Spec ?? throw new ArgumentException("A job that does not exist has no document.", nameof(state)));
        doc["state"] = state.Status.Wire();
        doc["last_event"] = state.LastEvent;
        doc["created"] = JobEventJson.FormatTime(state.Created);
        doc["deleted"] = state.Deleted;
        doc["updated"] = JobEventJson.FormatTime(state.Updated);
        doc["version"] = state.Version;
        doc["owner"] = state.Spec.Owner;
        doc["notes"] = state.Notes;
        doc["tags"] = new JArray(state.Tags);
        doc["labels"] = JobEventJson.LabelsJson(state.Labels);
        doc["measurements"] = new JObject(state.Measurements.Select(m => new JProperty(m.Key, m.Value.DeepClone())));
        doc["max_wall_time"] = state.Spec.MaxWallTime;
        doc["auto_delete"] = state.Spec.AutoDelete;
        doc["completion_ttl"] = state.Spec.CompletionTtl;
        doc["depends_on"] = JobEventJson.DependsOnJson(state.Spec.DependsOn);
        doc["group"] = state.Group;
        doc["blocked"] = state.BlockedReason is not null;
        doc["blocked_reason"] = state.BlockedReason;
        doc["submitted"] = JobEventJson.FormatTime(state.Created);
        doc["started"] = OptionalTime(state.Started);
        doc["ended"] = OptionalTime(state.Ended);
        doc["state_entered"] = JobEventJson.FormatTime(state.StateEntered);
        doc["state_ms"] = new JObject(state.StateMilliseconds.Select(s => new JProperty(s.Key.Wire(), s.Value)));
        return doc;
    }

    /// <summary>
    /// The document as the job_documents table keeps it: <see cref="Render"/> without the catalog's fields that hold
    /// their defaults (no owner, no tags, not started, ...), which most jobs never set. The table is rewritten on every
    /// event, so a smaller row is less for PostgreSQL to check, write and log; readers get the whole document back with
    /// <see cref="Complete"/>.
    /// </summary>
    public static JObject Stored(JobState state)
    {
        var doc = JobEventJson.SpecJson(state.Spec ?? throw new ArgumentException("A job that does not exist has no document.", nameof(state)));
        doc["state"] = state.Status.Wire();
        doc["last_event"] = state.LastEvent;
        doc["created"] = JobEventJson.FormatTime(state.Created);
        doc["deleted"] = state.Deleted;
        doc["updated"] = JobEventJson.FormatTime(state.Updated);
        doc["version"] = state.Version;
        if (state.Notes is not null)
        {
            doc["notes"] = state.Notes;
        }
        if (state.Tags.Count > 0)
        {
            doc["tags"] = new JArray(state.Tags);
        }
        else
        {
            doc.Remove("tags");
        }
        if (state.Labels.Count > 0)
        {
            doc["labels"] = JobEventJson.LabelsJson(state.Labels);
        }
        else
        {
            doc.Remove("labels");
        }
        if (state.Measurements.Count > 0)
        {
            doc["measurements"] = new JObject(state.Measurements.Select(m => new JProperty(m.Key, m.Value.DeepClone())));
        }
        if (state.Group is not null)
        {
            doc["group"] = state.Group;
        }
        if (state.BlockedReason is not null)
        {
            doc["blocked_reason"] = state.BlockedReason;
        }
        if (state.Started is { } started)
        {
            doc["started"] = JobEventJson.FormatTime(started);
        }
        if (state.Ended is { } ended)
        {
            doc["ended"] = JobEventJson.FormatTime(ended);
        }
        doc["state_entered"] = JobEventJson.FormatTime(state.StateEntered);
        if (state.StateMilliseconds.Count > 0)
        {
            doc["state_ms"] = new JObject(state.StateMilliseconds.Select(s => new JProperty(s.Key.Wire(), s.Value)));
        }
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
