using Microsoft.AspNetCore.Http;

namespace Catalog.Webhooks.Http;

/// <summary>The catalog's problem+json answers (RFC 9457), one place so every route words them alike.</summary>
public static class Problems
{
    public static IResult Unprocessable(string detail, IReadOnlyList<string>? errors = null) =>
        Problem(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed", detail,
            errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"The body is larger than {limit} bytes.");

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Unauthorized(string detail) => Problem(StatusCodes.Status401Unauthorized, "Unauthorized", detail);

    public static IResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, "Forbidden", detail);

    public static IResult Conflict(string detail, IDictionary<string, object?>? extensions = null) =>
        Problem(StatusCodes.Status409Conflict, "Conflict", detail, extensions);

    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);

    /// <summary>Admin routes: 401 without a valid key, 403 for a valid key that is not an admin key.</summary>
    public static IResult? RequireAdmin(CallerRole role) => role switch
    {
        CallerRole.Admin => null,
        CallerRole.Agent => Forbidden("This route needs an admin key; an agent key is not enough."),
        CallerRole.Invalid => Unauthorized("The bearer key is not valid."),
        _ => Unauthorized("This route needs an admin key: send 'Authorization: Bearer <key>'."),
    };

    /// <summary>Agent routes (creating pipelines and jobs): an agent or an admin key.</summary>
    public static IResult? RequireAgent(CallerRole role) => role switch
    {
        CallerRole.Admin or CallerRole.Agent => null,
        CallerRole.Invalid => Unauthorized("The bearer key is not valid."),
        _ => Unauthorized("This route needs an agent or admin key: send 'Authorization: Bearer <key>'."),
    };
}
