using Catalog.Core.Jobs;
using Catalog.Core.Operations;
using Catalog.Core.Queries;
using Catalog.Core.Requests;
using Catalog.Webhooks.Http;
using Catalog.Webhooks.Shapes;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Admin;

/// <summary>The optional body of ready: <c>{data?}</c>, recorded with the event.</summary>
public sealed record ReadyBody(JObject? Data) : IRequestBody<ReadyBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(AdminEventBodyShape), false, "Optional: data recorded with the event.")];

    public static (ReadyBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (body, problem) = AdminBodies.Read(json, "{\"data\"?: {...}}", ["data"]);
        return body is null ? (null, problem) : (new ReadyBody(body["data"] as JObject), null);
    }
}

/// <summary>The optional body of rerun: <c>{reason?}</c>.</summary>
public sealed record RerunBody(string? Reason) : IRequestBody<RerunBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(RerunBodyShape), false, "Optional: why the job runs again.")];

    public static (RerunBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (body, problem) = AdminBodies.Read(json, "{\"reason\"?: \"...\"}", ["reason"], (fields, errors) => AdminBodies.CheckReason(fields, errors));
        return body is null ? (null, problem) : (new RerunBody((string?)body["reason"]), null);
    }
}

/// <summary>The body of a bulk rerun: <c>{state, pipeline_uuid?, updated_after?, reason?}</c>.</summary>
public sealed record BulkRerunBody(RerunFilter Filter, string? Reason) : IRequestBody<BulkRerunBody>
{
    private static readonly string[] Fields = ["state", "pipeline_uuid", "updated_after"];

    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(BulkRerunRequestShape), true, "Which jobs to rerun, and why.")];

    public static (BulkRerunBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (body, problem) = AdminBodies.Read(json, "{\"state\": \"FAILED\", \"pipeline_uuid\"?, \"updated_after\"?, \"reason\"?}",
            [.. Fields, "reason"], (fields, errors) =>
            {
                errors.AddRange(Fields.Where(f => fields[f] is { Type: not JTokenType.String and not JTokenType.Null }).Select(f => $"{f}: must be a string."));
                AdminBodies.CheckReason(fields, errors);
            });
        if (body is null)
        {
            return (null, problem);
        }
        var errors = new List<string>();
        var filter = QueryParameters.RerunFilter((string?)body["state"], (string?)body["pipeline_uuid"], (string?)body["updated_after"], errors);
        return filter is null
            ? (null, BodyProblem.Unprocessable("The bulk rerun is malformed.", errors))
            : (new BulkRerunBody(filter, (string?)body["reason"]), null);
    }
}

/// <summary>The optional body of reset: <c>{data?, clear_archive?}</c>.</summary>
public sealed record ResetBody(JObject? Data, bool ClearArchive) : IRequestBody<ResetBody>
{
    public static IReadOnlyList<object> Docs { get; } =
        [new RequestBodyDoc(typeof(ResetBodyShape), false, "Optional: data recorded with the reset, and whether to empty the archive folder.")];

    public static (ResetBody? Body, BodyProblem? Problem) From(JToken? json)
    {
        var (body, problem) = AdminBodies.Read(json, "{\"data\"?: {...}, \"clear_archive\"?: true}", ["data", "clear_archive"],
            (fields, errors) =>
            {
                if (fields["clear_archive"] is { Type: not JTokenType.Boolean and not JTokenType.Null })
                {
                    errors.Add("clear_archive: must be true or false.");
                }
            });
        if (body is null)
        {
            return (null, problem);
        }
        return (new ResetBody(body["data"] as JObject, body["clear_archive"]?.Type == JTokenType.Boolean && (bool)body["clear_archive"]!), null);
    }
}

/// <summary>What the admin bodies share: an optional object whose <c>data</c> is an object that can be stored.</summary>
internal static class AdminBodies
{
    /// <summary>An optional <c>reason</c>: a text of at most <see cref="JobEventData.MaxValueLength"/> characters.</summary>
    public static void CheckReason(JObject fields, List<string> errors)
    {
        if (fields["reason"] is { Type: not JTokenType.String and not JTokenType.Null }
            || fields["reason"] is { Type: JTokenType.String } reason && ((string)reason!).Length > JobEventData.MaxValueLength)
        {
            errors.Add($"reason: must be a text of at most {JobEventData.MaxValueLength} characters.");
        }
    }

    public static (JObject? Body, BodyProblem? Problem) Read(JToken? json, string form, string[] known,
        Action<JObject, List<string>>? check = null)
    {
        if (json is null)
        {
            return (new JObject(), null);
        }
        if (json is not JObject body)
        {
            return (null, BodyProblem.Unprocessable($"The body must be a JSON object: {form}."));
        }
        var errors = new List<string>();
        if (body["data"] is { Type: not JTokenType.Object and not JTokenType.Null })
        {
            errors.Add("data: must be an object.");
        }
        else if (StorableJson.FirstNonFinite(body["data"], "data") is { } path)
        {
            errors.Add($"{path}: NaN and Infinity cannot be stored.");
        }
        check?.Invoke(body, errors);
        errors.AddRange(UnknownFields.Errors(body, known));
        return errors.Count > 0 ? (null, BodyProblem.Unprocessable("The body is malformed.", errors)) : (body, null);
    }
}
