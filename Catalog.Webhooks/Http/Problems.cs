using Microsoft.AspNetCore.Http;

namespace Catalog.Webhooks.Http;

/// <summary>The catalog's problem+json answers (RFC 9457), one place so every route words them alike.</summary>
public static class Problems
{
    public static IResult Unprocessable(string detail, IReadOnlyList<string>? errors = null) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed", detail,
            errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    /// <summary>A 422 for text that cannot be stored, naming the field (<c>field</c>) it is in.</summary>
    public static IResult Unstorable(string field, string problem) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed", $"{field} {problem}.",
            new Dictionary<string, object?> { ["field"] = field, ["errors"] = new[] { $"{field} {problem}." } });

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body is larger than {limit} bytes.");

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail, extensions);

    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

}
