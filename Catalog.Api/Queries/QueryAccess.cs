using Catalog.Core.Queries;
using Catalog.Core.Requests;
using Catalog.Webhooks.Http;

namespace Catalog.Api.Queries;

/// <summary>The one privilege a read route can ask for: seeing hidden jobs, which takes an admin key.</summary>
public static class QueryAccess
{
    /// <summary>
    /// <c>?include_deleted=</c>: false when absent; a 422 when it is neither true nor false; when true, the 401/403 of
    /// the admin policy unless the caller holds an admin key.
    /// </summary>
    public static async Task<(bool IncludeDeleted, IResult? Problem)> IncludeDeletedAsync(HttpRequest request)
    {
        var (includeDeleted, error) = QueryParameters.Flag(request.Query["include_deleted"], "include_deleted");
        if (error is not null)
        {
            return (false, Problems.Unprocessable(error, [error]));
        }
        return includeDeleted ? (true, await CatalogAccess.RequireAsync(request.HttpContext, CatalogPolicies.Admin)) : (false, null);
    }

    /// <summary>
    /// A 400 naming each query parameter the route does not read (with the closest one it does), so a mistyped or
    /// unsupported filter (<c>?measurement_id=</c>, <c>?pipeline=</c>) is never answered with the unfiltered list.
    /// </summary>
    public static IResult? Unknown(HttpRequest request, params string[] known)
    {
        var errors = request.Query.Keys.Where(name => !known.Contains(name))
            .Select(name => UnknownFields.Closest(name, known) is { } closest
                ? $"{name}: unknown query parameter; did you mean '{closest}'?"
                : $"{name}: unknown query parameter; this route reads {string.Join(", ", known)}.")
            .ToArray();
        return errors.Length == 0 ? null
            : Problems.Problem(StatusCodes.Status400BadRequest, "Unknown query parameter", string.Join(" ", errors),
                new Dictionary<string, object?> { ["errors"] = errors });
    }

    /// <summary>A 422 naming every parameter to fix.</summary>
    public static IResult Invalid(IReadOnlyList<string> errors) => Problems.Unprocessable(string.Join(" ", errors), errors);
}
