using Catalog.Core.EventStore;
using Catalog.Core.Jobs;
using Catalog.Core.Projections.JobDocuments;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.JobCommands;

/// <summary>A decision as the store appends it: its events at the state's version and incarnation, the job document after them.</summary>
public static class JobAppend
{
    public static StreamAppend Of(string jobUuid, JobState state, IReadOnlyList<JobEvent> events, JobState next, JObject answer,
        DeliveryKey? delivery, JobActor actor, AuditRow? audit = null) => new()
    {
        StreamId = jobUuid,
        StreamType = JobService.StreamType,
        ExpectedVersion = state.Version,
        ExpectedIncarnation = state.Incarnation,
        Events = events.Select((e, i) => new NewEvent(Guid.Parse(JobDocument.EventUuid(jobUuid, state.Version + i + 1)),
            JobEventTypes.Of(e), JobEventJson.Serialize(e), Metadata(actor))).ToArray(),
        Delivery = delivery,
        Inline = new InlineRow?[] { new JobDocumentRow(next), JobSearchRow.Of(jobUuid, state, next, events), audit }.OfType<InlineRow>().ToArray(),
    };

    /// <summary>What every event of a command carries besides its data: who sent it.</summary>
    public static string Metadata(JobActor actor) => new JObject { ["actor"] = actor.Json() }.ToString(Newtonsoft.Json.Formatting.None);
}
