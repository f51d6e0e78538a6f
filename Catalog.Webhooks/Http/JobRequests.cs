using Catalog.Core.Identifiers;
using Microsoft.AspNetCore.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Webhooks.Http;

/// <summary>Pieces every job route reads the same way: the job UUID in the path and the job token.</summary>
public static class JobRequests
{
    /// <summary>The lower-case job UUID, or a 422 saying what a job UUID looks like.</summary>
    public static (string? Uuid, IResult? Problem) JobUuid(string text) =>
        TypedUuid.TryParse(text, out var uuid) && UuidType.Classify(uuid) == UuidType.PipelineJob
            ? (uuid, null)
            : (null, Problems.Unprocessable($"'{Clip(text)}' is not a job UUID (a UUID whose first three digits are 107)."));

    /// <summary>The job token from the body's <c>token</c>, the <c>token</c> query parameter or the <c>X-Catalog-Token</c> header.</summary>
    public static string? Token(HttpRequest request, JObject? body) =>
        (body?["token"] is { Type: JTokenType.String } token ? (string?)token : null)
        ?? NonEmpty(request.Query["token"].ToString())
        ?? NonEmpty(request.Headers["X-Catalog-Token"].ToString());

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) || value == "null" ? null : value;

    public static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
