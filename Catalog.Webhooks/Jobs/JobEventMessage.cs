using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Jobs;

/// <summary>An agent's event message <c>{name | event, data?, token?, event_id?}</c>, checked field by field.</summary>
public sealed record JobEventMessage(string Name, JObject? Data, string? EventId)
{
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
        return errors.Count > 0
            ? (null, errors)
            : (new JobEventMessage((string)name!, data as JObject, eventId?.Type == JTokenType.String ? (string)eventId! : null), []);
    }
}
