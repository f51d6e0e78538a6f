using Catalog.Core.Jobs;
using Catalog.Core.Requests;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Admin;

/// <summary>The optional body of reset and ready: <c>{data?, clear_archive?}</c>.</summary>
public sealed record AdminBody(JObject? Data, bool ClearArchive)
{
    private static readonly string[] Known = ["data", "clear_archive"];

    public static async Task<(AdminBody? Body, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (json, problem) = await JsonBody.ReadAsync(request, cancellationToken);
        if (problem is not null)
        {
            return (null, problem);
        }
        if (json is null)
        {
            return (new AdminBody(null, false), null);
        }
        if (json is not JObject body)
        {
            return (null, Problems.Unprocessable("The body must be a JSON object: {\"data\"?: {...}, \"clear_archive\"?: true}."));
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
        if (body["clear_archive"] is { Type: not JTokenType.Boolean and not JTokenType.Null })
        {
            errors.Add("clear_archive: must be true or false.");
        }
        errors.AddRange(UnknownFields.Errors(body, Known));
        return errors.Count > 0
            ? (null, Problems.Unprocessable("The body is malformed.", errors))
            : (new AdminBody(body["data"] as JObject, body["clear_archive"]?.Type == JTokenType.Boolean && (bool)body["clear_archive"]!), null);
    }
}
