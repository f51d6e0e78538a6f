using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// The job document (http-api.md) without its history, as a pure fold of the job's events; the inline writer and the
/// rebuild both use it, so a rebuild gives exactly what the inline path wrote. The history is not folded into the
/// document: it is the job's own events, read in order when a whole document is asked for (<see cref="JobHistory"/>),
/// so an event costs a small row update instead of rewriting a history that grows with every event.
/// </summary>
public static class JobDocument
{
    /// <summary>Folds one stored event into the document (null before the job's first event).</summary>
    public static JObject Apply(JObject? document, long version, string type, string data) =>
        Apply(document, version, JobEventJson.DeserializeForState(type, data));

    /// <summary>Folds one event into a copy of the document (null before the job's first event).</summary>
    public static JObject Apply(JObject? document, long version, JobEvent @event)
    {
        var doc = document is null ? Start(@event) : (JObject)document.DeepClone();
        // Indexed files live in their own projection; the document only counts the event.
        if (@event is not JobEvent.FilesIndexed)
        {
            switch (@event)
            {
                case JobEvent.Progressed progressed:
                    var status = JobNames.TryParseStatus((string?)doc["state"], out var current) ? current : JobStatus.Created;
                    doc["state"] = (JobTransitions.Next(status, progressed.Name) ?? status).Wire();
                    doc["last_event"] = progressed.Name.Wire();
                    break;
                case JobEvent.Hidden:
                    doc["deleted"] = true;
                    break;
                case JobEvent.Restored:
                    doc["deleted"] = false;
                    break;
            }
            doc["updated"] = JobEventJson.FormatTime(@event.At);
        }
        doc["version"] = version;
        return doc;
    }

    /// <summary>The history entry id: the typed <c>pipelinejob_event</c> UUID of <c>&lt;job uuid&gt;:&lt;version&gt;</c>.</summary>
    public static string EventUuid(string jobUuid, long version) => TypedUuid.Create(UuidType.PipelineJobEvent, $"{jobUuid}:{version}");

    private static JObject Start(JobEvent first)
    {
        if (first is not JobEvent.Created created)
        {
            throw new InvalidDataException($"A job stream must start with {JobEventTypes.Created}.");
        }
        var doc = JobEventJson.SpecJson(created.Spec);
        doc["state"] = JobStatus.Created.Wire();
        doc["last_event"] = JobEventName.Create.Wire();
        doc["created"] = JobEventJson.FormatTime(created.At);
        doc["deleted"] = false;
        return doc;
    }
}
