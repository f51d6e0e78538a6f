using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.OpenLineage;

/// <summary>One OpenLineage event, read by <see cref="OpenLineageIngest"/> (which checks it against the specification).</summary>
public sealed record OpenLineageBody(JToken Event) : IRequestBody<OpenLineageBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(OpenLineageEventShape), true, "One OpenLineage run, job or dataset event.")];

    public static (OpenLineageBody? Body, BodyProblem? Problem) From(JToken? json) => json is null
        ? (null, BodyProblem.Unprocessable("The body must be one OpenLineage event.", ["body: required, a JSON object."]))
        : (new OpenLineageBody(json), null);
}

/// <summary>A batch of OpenLineage events: a JSON array of at most <see cref="MaxEvents"/>.</summary>
public sealed record OpenLineageBatchBody(JArray Events) : IRequestBody<OpenLineageBatchBody>
{
    public const int MaxEvents = 1000;

    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(OpenLineageEventListShape), true, $"1-{MaxEvents} OpenLineage events, each recorded or refused on its own.")];

    public static (OpenLineageBatchBody? Body, BodyProblem? Problem) From(JToken? json) => json switch
    {
        JArray { Count: > 0 and <= MaxEvents } events => (new OpenLineageBatchBody(events), null),
        JArray events => (null, BodyProblem.Unprocessable("The batch is empty or too long.", [$"body: 1-{MaxEvents} events, not {events.Count}."])),
        _ => (null, BodyProblem.Unprocessable("The body must be a JSON array of OpenLineage events.", ["body: required, a JSON array."])),
    };
}
