using Catalog.Core.Identifiers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Catalog.Webhooks.Http;

/// <summary>
/// Refuses, before any API route runs, a request whose query string holds text the catalog cannot store (a decoded
/// <c>%00</c>): 422 naming the parameter. Bodies are checked where they are read (<see cref="JsonBody"/>); the server
/// itself refuses a path holding <c>%00</c> (400) and header values with control characters.
/// </summary>
public static class StorableRequestText
{
    public static IApplicationBuilder UseStorableRequestText(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && Problem(context.Request) is { } problem)
            {
                await problem.ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static UnprocessableProblem? Problem(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (StorableText.Problem(name) is { } nameProblem)
            {
                return UnprocessableProblem.Unstorable("a query parameter name", nameProblem);
            }
            foreach (var value in values)
            {
                if (value is not null && StorableText.Problem(value) is { } valueProblem)
                {
                    return UnprocessableProblem.Unstorable(name, valueProblem);
                }
            }
        }
        return null;
    }
}
