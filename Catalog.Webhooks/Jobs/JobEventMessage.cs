using Catalog.Core.Jobs;
using Catalog.Core.Requests;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Jobs;

/// <summary>An agent's event message <c>{name | event, data?, token?, event_id?}</c>, checked field by field.</summary>
public sealed record JobEventMessage(string Name, JObject? Data, string? EventId) : IRequestBody<JobEventMessage>
{
    /// <summary>The job token the body carries (<c>token</c>), if any.</summary>
    public string? Token { get; init; }

    private static readonly string[] Known = ["name", "event", "data", "token", "event_id"];

    // python-datacatalog's event message and history entry carry these too; they are not read (the path names the job).
    private static readonly string[] Tolerated = ["uuid", "date"];

    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(JobEventMessageShape), true, "The event: its name, optional data, the job token, an optional event_id.")];

    public static (JobEventMessage? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (message, errors) = Parse(json);
        return message is null ? (null, BodyProblem.Unprocessable("The event message is malformed.", errors)) : (message, null);
    }

    public static (JobEventMessage? Message, IReadOnlyList<string> Errors) Parse(JToken? body)
    {
        if (body is not JObject json)
        {
            return (null, ["The body must be a JSON object: {\"name\": \"run\", \"data\": {...}, \"token\": \"...\"}."]);
        }
        var errors = new List<string>();
        var name = json["name"] is { Type: not JTokenType.Null } n ? n : json["event"];
        if (name is not { Type: JTokenType.String })
        {
            errors.Add("name: required, the event name as a string (e.g. \"run\"); 'event' is accepted too.");
        }
        var data = json["data"];
        if (data is not null && data.Type is not (JTokenType.Object or JTokenType.Null))
        {
            errors.Add("data: must be an object.");
        }
        else if (StorableJson.FirstNonFinite(data, "data") is { } path)
        {
            errors.Add($"{path}: NaN and Infinity cannot be stored; send a number or a string.");
        }
        var eventId = json["event_id"];
        if (eventId is not null && eventId.Type != JTokenType.Null)
        {
            if (eventId.Type != JTokenType.String)
            {
                errors.Add($"event_id: must be a non-empty string of at most {DeliveryKeys.MaxLength} characters.");
            }
            else if (DeliveryKeys.Problem((string)eventId!) is { } problem)
            {
                errors.Add($"event_id: {problem}");
            }
        }
        if (json["token"] is { Type: not JTokenType.String and not JTokenType.Null })
        {
            errors.Add("token: must be a string.");
        }
        errors.AddRange(UnknownFields.Errors(json, Known, Tolerated));
        return errors.Count > 0
            ? (null, errors)
            : (new JobEventMessage((string)name!, data as JObject, eventId?.Type == JTokenType.String ? (string)eventId! : null)
            {
                Token = TokenSources.InBody(json),
            }, []);
    }
}
