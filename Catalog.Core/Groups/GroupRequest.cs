using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Catalog.Core.Requests;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Groups;

/// <summary>The checked bodies of the group routes: a new group, and jobs to add to one.</summary>
public static class GroupRequest
{
    /// <summary>At most this many jobs are added by one request.</summary>
    public const int MaxJobsPerRequest = 1000;

    /// <summary><c>{name, kind: "sequential"|"parallel", owner?}</c>.</summary>
    public static (GroupCommand.Create? Command, IReadOnlyList<string> Errors) ParseCreate(JToken? body)
    {
        if (body is not JObject json)
        {
            return (null, ["The body must be a JSON object {\"name\": \"...\", \"kind\": \"sequential\"|\"parallel\", \"owner\"?: \"...\"}."]);
        }
        var errors = new List<string>(UnknownFields.Errors(json, ["name", "kind", "owner"]));
        var name = Text(json, "name", required: true, errors);
        var owner = Text(json, "owner", required: false, errors);
        var kind = GroupKind.Parallel;
        if (json["kind"] is not { Type: JTokenType.String } kindText || !GroupDecider.TryParseKind((string?)kindText, out kind))
        {
            errors.Add("kind: required, \"sequential\" (a member runs only after the one before it finished) or \"parallel\".");
        }
        return errors.Count == 0 ? (new GroupCommand.Create(name!, kind, owner), []) : (null, errors);
    }

    /// <summary><c>{jobs: [job UUID, ...]}</c>: 1 to <see cref="MaxJobsPerRequest"/> job UUIDs (prefix 107), normalized, each once.</summary>
    public static (IReadOnlyList<string>? Jobs, IReadOnlyList<string> Errors) ParseMembers(JToken? body)
    {
        if (body is not JObject json)
        {
            return (null, ["The body must be a JSON object {\"jobs\": [job UUID, ...]}."]);
        }
        var errors = new List<string>(UnknownFields.Errors(json, ["jobs"]));
        if (json["jobs"] is not JArray { Count: > 0 and <= MaxJobsPerRequest } list)
        {
            errors.Add($"jobs: required, a list of 1 to {MaxJobsPerRequest} job UUIDs (prefix 107).");
            return (null, errors);
        }
        var jobs = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is { Type: JTokenType.String } text && TypedUuid.TryParse((string?)text, out var uuid) && UuidType.Classify(uuid) == UuidType.PipelineJob)
            {
                jobs.Add(uuid);
            }
            else
            {
                errors.Add($"jobs[{i}]: must be a job UUID (prefix 107).");
            }
        }
        if (jobs.Distinct().Count() != jobs.Count)
        {
            errors.Add("jobs: names a job more than once.");
        }
        return errors.Count == 0 ? (jobs, []) : (null, errors);
    }

    private static string? Text(JObject json, string field, bool required, List<string> errors)
    {
        var value = json[field];
        if (value is null || value.Type == JTokenType.Null)
        {
            if (required)
            {
                errors.Add($"{field}: required, 1-{JobEventData.MaxNameLength} characters without control characters.");
            }
            return null;
        }
        if (value.Type != JTokenType.String || !JobEventData.IsName((string)value!))
        {
            errors.Add($"{field}: must be 1-{JobEventData.MaxNameLength} characters without control characters.");
            return null;
        }
        return (string)value!;
    }
}
