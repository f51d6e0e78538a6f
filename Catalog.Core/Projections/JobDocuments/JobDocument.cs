using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Projections.JobDocuments;

/// <summary>
/// The job document (http-api.md) as a pure fold of the job's stored events; the inline writer and the rebuild
/// both use it, so a rebuild gives exactly what the inline path wrote.
/// </summary>
public static class JobDocument
{
    /// <summary>Folds one stored event into the document (null before the job's first event).</summary>
    public static JObject Apply(JObject? document, string jobUuid, long version, string type, string data)
    {
        // Indexed files live in their own projection; the document only counts the event, without parsing its list.
        if (type == JobEventTypes.FilesIndexed && document is not null)
        {
            var counted = (JObject)document.DeepClone();
            counted["version"] = version;
            return counted;
        }
        var @event = JobEventJson.Deserialize(type, data);
        var at = JobEventJson.FormatTime(@event.At);
        var doc = document is null ? Start(@event, at) : (JObject)document.DeepClone();
        switch (@event)
        {
            case JobEvent.Created created:
                AppendHistory(doc, jobUuid, version, at, "create", created.Spec.Data.DeepClone());
                break;
            case JobEvent.Progressed progressed:
                var status = JobNames.TryParseStatus((string?)doc["state"], out var current) ? current : JobStatus.Created;
                doc["state"] = (JobTransitions.Next(status, progressed.Name) ?? status).Wire();
                doc["last_event"] = progressed.Name.Wire();
                AppendHistory(doc, jobUuid, version, at, progressed.SentName, progressed.Data?.DeepClone());
                break;
            case JobEvent.Hidden:
                doc["deleted"] = true;
                break;
            case JobEvent.Restored:
                doc["deleted"] = false;
                break;
        }
        doc["updated"] = at;
        doc["version"] = version;
        return doc;
    }

    /// <summary>The history entry id: the typed <c>pipelinejob_event</c> UUID of <c>&lt;job uuid&gt;:&lt;version&gt;</c>.</summary>
    public static string EventUuid(string jobUuid, long version) => TypedUuid.Create(UuidType.PipelineJobEvent, $"{jobUuid}:{version}");

    private static JObject Start(JobEvent first, string at)
    {
        if (first is not JobEvent.Created created)
        {
            throw new InvalidDataException($"A job stream must start with {JobEventTypes.Created}.");
        }
        var doc = JobEventJson.SpecJson(created.Spec);
        doc["state"] = JobStatus.Created.Wire();
        doc["last_event"] = JobEventName.Create.Wire();
        doc["history"] = new JArray();
        doc["created"] = at;
        doc["deleted"] = false;
        return doc;
    }

    private static void AppendHistory(JObject doc, string jobUuid, long version, string at, string name, JToken? data) =>
        ((JArray)doc["history"]!).Add(new JObject
        {
            ["uuid"] = EventUuid(jobUuid, version),
            ["date"] = at,
            ["name"] = name,
            ["data"] = data,
        });
}
