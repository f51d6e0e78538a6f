using Microsoft.AspNetCore.Http;

namespace Catalog.Webhooks.Http;

/// <summary>The catalog's problem+json answers (RFC 9457), one place so every route words them alike.</summary>
public static class Problems
{
    public const string MissingToken =
        "The job token is missing or wrong: pass the token given at job creation (body 'token', '?token=' or 'X-Catalog-Token').";

    public const string TwoTokens = "Two different job tokens were sent (body 'token', '?token=', 'X-Catalog-Token'); send one.";

    public static UnprocessableProblem Unprocessable(string detail, IReadOnlyList<string>? errors = null) => new(detail, errors);

    public static NotFoundProblem NotFound(string detail) => new(detail);

    public static UnauthorizedProblem Unauthorized(string detail) => new(detail);

    public static ConflictProblem Conflict(string detail, IDictionary<string, object?>? extensions = null) => new(detail, extensions);

    /// <summary>An answer the framework gives outside any route (no route matched, a limit, an unhandled failure).</summary>
    public static IResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
}
