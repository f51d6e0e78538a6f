using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>
/// The data the catalog's own events must carry, checked before they are decided: <c>tag</c>
/// <c>{add?, remove?, labels?}</c>, <c>annotate</c> <c>{notes}</c>, <c>measure</c> <c>{name: number|string, ...}</c>,
/// <c>cancel</c> <c>{reason?}</c>. The reference's events carry any data, unread.
/// </summary>
public static class JobEventData
{
    public const int MaxTags = 100;
    public const int MaxNameLength = 128;
    public const int MaxValueLength = 1024;
    public const int MaxNotesLength = 65536;
    /// <summary>The most distinct measurement names one job keeps (its document is rewritten on every event).</summary>
    public const int MaxMeasurements = 1000;

    /// <summary>Every problem of the data, each naming its member; empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(JobEventName name, JToken? data) => name switch
    {
        JobEventName.Tag => TagProblems(data),
        JobEventName.Annotate => AnnotateProblems(data),
        JobEventName.Measure => MeasureProblems(data),
        JobEventName.Cancel => CancelProblems(data),
        _ => [],
    };

    /// <summary>
    /// What the event would leave on the job beyond the limits (at most <see cref="MaxTags"/> tags and labels and
    /// <see cref="MaxMeasurements"/> measurement names); empty when it fits. The data was checked first.
    /// </summary>
    public static IReadOnlyList<string> LimitProblems(JobState state, JobEventName name, JToken? data)
    {
        var after = JobState.Evolve(state, new JobEvent.Progressed(name, name.Wire(), data) { At = state.Updated });
        var problems = new List<string>();
        if (after.Tags.Count > MaxTags)
        {
            problems.Add($"data.add: the job would carry {after.Tags.Count} tags; at most {MaxTags} (remove some first).");
        }
        if (after.Labels.Count > MaxTags)
        {
            problems.Add($"data.labels: the job would carry {after.Labels.Count} labels; at most {MaxTags} (remove some first).");
        }
        if (after.Measurements.Count > MaxMeasurements)
        {
            problems.Add($"data: the job would keep {after.Measurements.Count} measurement names; at most {MaxMeasurements}.");
        }
        return problems;
    }

    /// <summary>A short name people give (an owner, a group's name): 1-<see cref="MaxNameLength"/> characters without control characters.</summary>
    public static bool IsName(string text) => text.Length is > 0 and <= MaxNameLength && !text.Any(char.IsControl);

    /// <summary>The problem of one tag (a creation's or an event's), or null.</summary>
    public static string? TagProblem(string tag) =>
        tag.Length is 0 or > MaxNameLength || tag.Any(char.IsControl) || tag.Trim() != tag
            ? $"'{Clip(tag)}' is not a tag: 1-{MaxNameLength} characters without control characters or surrounding spaces."
            : null;

    /// <summary>The problem of one label (a creation's or an event's), or null.</summary>
    public static string? LabelProblem(string key, string? value) =>
        key.Length is 0 or > MaxNameLength || key.Any(c => char.IsControl(c) || c == ':') || key.Trim() != key
            ? $"'{Clip(key)}' is not a label key: 1-{MaxNameLength} characters without ':', control characters or surrounding spaces."
            : value is not null && (value.Length > MaxValueLength || value.Any(char.IsControl))
                ? $"the value of label '{key}' must be at most {MaxValueLength} characters without control characters."
                : null;

    private static List<string> TagProblems(JToken? data)
    {
        if (data is not JObject body)
        {
            return ["data: must be an object {add?: [tag], remove?: [tag], labels?: {key: value|null}}."];
        }
        var problems = Unknown(body, "add", "remove", "labels");
        foreach (var member in new[] { "add", "remove" })
        {
            switch (body[member])
            {
                case null or { Type: JTokenType.Null }:
                    break;
                case JArray list when list.All(t => t.Type == JTokenType.String) && list.Count <= MaxTags:
                    problems.AddRange(list.Select(t => TagProblem((string)t!)).OfType<string>().Select(p => $"data.{member}: {p}"));
                    break;
                default:
                    problems.Add($"data.{member}: must be a list of at most {MaxTags} strings.");
                    break;
            }
        }
        switch (body["labels"])
        {
            case null or { Type: JTokenType.Null }:
                break;
            case JObject labels when labels.Count <= MaxTags && labels.Properties().All(p => p.Value.Type is JTokenType.String or JTokenType.Null):
                problems.AddRange(labels.Properties().Select(p => LabelProblem(p.Name, (string?)p.Value)).OfType<string>().Select(p => $"data.labels: {p}"));
                break;
            default:
                problems.Add($"data.labels: must be an object of at most {MaxTags} labels, each a string (set) or null (removed).");
                break;
        }
        if (problems.Count == 0 && !body.Properties().Any(p => p.Value.Type != JTokenType.Null))
        {
            problems.Add("data: names nothing to change (give add, remove or labels).");
        }
        return problems;
    }

    private static List<string> AnnotateProblems(JToken? data)
    {
        if (data is not JObject body)
        {
            return ["data: must be an object {notes: text}."];
        }
        var problems = Unknown(body, "notes");
        if (body["notes"] is not { Type: JTokenType.String } notes)
        {
            problems.Add("data.notes: required, a text (empty to clear the notes).");
        }
        else if (((string)notes!).Length > MaxNotesLength)
        {
            problems.Add($"data.notes: at most {MaxNotesLength} characters.");
        }
        return problems;
    }

    private static List<string> MeasureProblems(JToken? data)
    {
        if (data is not JObject { Count: > 0 } body)
        {
            return ["data: must be an object of one or more measurements {name: number or text}."];
        }
        var problems = new List<string>();
        if (body.Count > MaxTags)
        {
            problems.Add($"data: at most {MaxTags} measurements per event.");
        }
        foreach (var property in body.Properties())
        {
            if (property.Name.Length is 0 or > MaxNameLength || property.Name.Any(char.IsControl))
            {
                problems.Add($"data: '{Clip(property.Name)}' is not a measurement name: 1-{MaxNameLength} characters without control characters.");
            }
            else if (property.Value.Type is not (JTokenType.Integer or JTokenType.Float or JTokenType.String))
            {
                problems.Add($"data.{property.Name}: must be a number or a text, not {JobRequest.Describe(property.Value)}.");
            }
            else if (property.Value.Type == JTokenType.String && ((string)property.Value!).Length > MaxValueLength)
            {
                problems.Add($"data.{property.Name}: a text measurement is at most {MaxValueLength} characters.");
            }
        }
        return problems;
    }

    private static List<string> CancelProblems(JToken? data) => data switch
    {
        null or { Type: JTokenType.Null } => [],
        JObject body when body["reason"] is null or { Type: JTokenType.Null or JTokenType.String } => [],
        JObject => ["data.reason: must be a text."],
        _ => ["data: must be an object {reason?: text}."],
    };

    private static List<string> Unknown(JObject body, params string[] known) =>
        body.Properties().Where(p => !known.Contains(p.Name))
            .Select(p => $"data.{Clip(p.Name)}: unknown member; this event reads {string.Join(", ", known)}.").ToList();

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
