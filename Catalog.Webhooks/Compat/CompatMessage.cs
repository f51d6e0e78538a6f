using Catalog.Core.Jobs;
using Catalog.Webhooks.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Compat;

/// <summary>
/// What a call to the compatibility webhook asks for, read the way python-datacatalog's jobs-manager read it: an
/// Aloe job notification, an event message, or an empty post whose URL parameters say everything.
/// </summary>
public sealed record CompatMessage(CompatMessageKind Kind, string JobUuid, string Name, JObject? Data, string? EventId)
{
    /// <summary>
    /// The status the event was mapped from when the table does not know it (recorded as <c>update</c>, as the reference
    /// does; the answer says so); null when the event was named or its status is known.
    /// </summary>
    public string? MappedFrom { get; init; }

    public const string DefaultNote = "Event had no JSON payload";

    private static readonly string[] AloeKeys =
        ["appId", "executionSystem", "owner", "archivePath", "archiveSystem", "status", "tenantId", "tenantQueue"];

    private static readonly string[] EventKeys = ["uuid", "name", "event", "data", "token", "event_id"];

    private static readonly string[] RunningNoise = ["_links", "retries", "localId"];

    public JobEventMessage ToEventMessage() => new(Name, Data, EventId);

    /// <summary>Reads the body (null when empty) with the URL parameters; on failure says what to fix.</summary>
    public static (CompatMessage? Message, string Detail, IReadOnlyList<string> Errors) Parse(JToken? body, CompatQuery query) => body switch
    {
        null => EmptyPost(query),
        JObject json when AloeKeys.All(json.ContainsKey) => Aloe(json, query),
        // Checked before event messages: the jobs-manager's event schema never admitted a job record.
        JObject json when json.ContainsKey("appId") && json.ContainsKey("status") => Fail(
            "Plain Agave job notifications are no longer supported: send an Aloe job record (appId, executionSystem, owner, " +
            "archivePath, archiveSystem, status, tenantId, tenantQueue), an event message {\"name\": ...} or no body."),
        JObject json when EventKeys.Any(json.ContainsKey) => Event(json, query),
        JObject => EmptyPost(query),
        _ => Fail("The body must be a JSON object (an event message or an Aloe job record) or empty."),
    };

    private static (CompatMessage?, string, IReadOnlyList<string>) Event(JObject json, CompatQuery query)
    {
        var uuid = json["uuid"];
        if (uuid is { Type: not JTokenType.String and not JTokenType.Null })
        {
            return Fail("The event message is malformed.", "uuid: must be a string, the job UUID.");
        }
        var merged = (JObject)json.DeepClone();
        string? mappedStatus = null;
        if (Present(json["name"]) is null && Present(json["event"]) is null && NameFromUrl(query) is { } name)
        {
            merged["name"] = name;
            mappedStatus = query.Event is null ? query.Status : null;
        }
        if (Present(json["data"]) is null && query.Note is not null)
        {
            merged["data"] = NoteData(query);
        }
        if (Present(merged["name"]) is null && Present(merged["event"]) is null)
        {
            return NeedName();
        }
        var (message, errors) = JobEventMessage.Parse(merged);
        if (message is null)
        {
            return Fail("The event message is malformed.", [.. errors]);
        }
        return Mapped(Build(CompatMessageKind.EventMessage, (string?)Present(uuid) ?? query.Uuid, message.Name, message.Data, message.EventId),
            mappedStatus);
    }

    // The record describes the Aloe job, not the catalog's: its own uuid or token fields are not ours, so those come
    // from the URL; the URL's status is the one the callback was registered for and wins, as in the jobs-manager.
    private static (CompatMessage?, string, IReadOnlyList<string>) Aloe(JObject json, CompatQuery query)
    {
        var sent = query.Status ?? (json["status"] is { Type: JTokenType.String } s ? (string?)s : null);
        if (sent is null)
        {
            return Fail("The Aloe job notification is malformed.", "status: must be a string, the Aloe job status.");
        }
        var status = AgaveStatus.Normalize(sent);
        JObject data;
        if (status == "RUNNING")
        {
            data = (JObject)json.DeepClone();
            foreach (var key in RunningNoise)
            {
                data.Remove(key);
            }
        }
        else
        {
            data = new JObject { ["status"] = status, ["description"] = LastHistoryDescription(json) };
        }
        if (StorableJson.FirstNonFinite(data, "data") is { } path)
        {
            return Fail("The Aloe job notification is malformed.", $"{path}: NaN and Infinity cannot be stored.");
        }
        var name = query.Event ?? AgaveStatus.EventFor(status).Wire();
        return Mapped(Build(CompatMessageKind.AloeNotification, query.Uuid, name, data, null), query.Event is null ? status : null);
    }

    private static (CompatMessage?, string, IReadOnlyList<string>) EmptyPost(CompatQuery query) =>
        NameFromUrl(query) is { } name
            ? Mapped(Build(CompatMessageKind.EmptyPost, query.Uuid, name, NoteData(query), null), query.Event is null ? query.Status : null)
            : NeedName();

    private static (CompatMessage?, string, IReadOnlyList<string>) Mapped((CompatMessage? Message, string, IReadOnlyList<string>) built,
        string? status) =>
        built.Message is { } message && status is not null && !AgaveStatus.IsKnown(status)
            ? built with { Message = message with { MappedFrom = AgaveStatus.Normalize(status) } }
            : built;

    private static (CompatMessage?, string, IReadOnlyList<string>) Build(CompatMessageKind kind, string? jobUuid, string name,
        JObject? data, string? eventId) =>
        jobUuid is null
            ? Fail("The job UUID is missing: pass '?uuid=<job uuid>' (the webhook given at job creation has it) or 'uuid' in the body.")
            : (new CompatMessage(kind, jobUuid, name, data, eventId), "", Array.Empty<string>());

    private static string? NameFromUrl(CompatQuery query) =>
        query.Event ?? (query.Status is { } status ? AgaveStatus.EventFor(status).Wire() : null);

    private static JObject NoteData(CompatQuery query) => new() { ["note"] = query.Note ?? DefaultNote };

    private static JToken LastHistoryDescription(JObject json) =>
        json["history"] is JArray { Count: > 0 } history && history[^1] is JObject last && Present(last["description"]) is { } description
            ? description.DeepClone()
            : JValue.CreateNull();

    private static JToken? Present(JToken? token) => token is null || token.Type == JTokenType.Null ? null : token;

    private static (CompatMessage?, string, IReadOnlyList<string>) NeedName() => Fail(
        "An event name is needed: send '?event=<name>' or '?status=<Agave status>' in the URL, or a JSON body {\"name\": \"run\"}.");

    private static (CompatMessage?, string, IReadOnlyList<string>) Fail(string detail, params string[] errors) => (null, detail, errors);
}
