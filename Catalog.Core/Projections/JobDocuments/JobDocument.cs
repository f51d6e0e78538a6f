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
        return doc;
    }

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

    private static DateTimeOffset Time(JToken? value) =>
        DateTimeOffset.Parse((string)value!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
