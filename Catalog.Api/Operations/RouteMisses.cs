using Catalog.Api.Docs;
using Catalog.Core.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Catalog.Api.Operations;

/// <summary>
/// Answers the framework gives without a body, as problem documents: a path no route matches names the closest route
/// and points at <c>/docs</c>; a method a route does not take names the ones it does. <c>/</c> leads a browser to
/// <c>/docs</c> and tells any other client where the contract is.
/// </summary>
public static class RouteMisses
{
    public static WebApplication UseCatalogStatusPages(this WebApplication app)
    {
        app.UseStatusCodePages(context => WriteAsync(context.HttpContext));
        app.MapGet("/", (HttpRequest request) => request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
            ? Results.Redirect("/" + DocsRoutes.PagePrefix)
            : Results.Json(new { name = "Catalog HTTP API", docs = "/" + DocsRoutes.PagePrefix, openapi = DocsRoutes.DocumentPath }))
            .ExcludeFromDescription();
        return app;
    }

    private static Task WriteAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var request = context.Request;
        var routes = Routes(context);
        var detail = status switch
        {
            StatusCodes.Status404NotFound when Closest(routes, request) is { } closest =>
                $"No route matches {request.Method} {request.Path}. The closest is {closest.Method} {closest.Template}; every route is listed at /docs.",
            StatusCodes.Status405MethodNotAllowed when Allowed(routes, request.Path) is { Count: > 0 } allowed =>
                $"{request.Path} does not take {request.Method}; it takes {string.Join(", ", allowed)}. Every route is listed at /docs.",
            _ => null,
        };
        // A problem result, not the problem details service alone: that one writes nothing for a client that accepts
        // no JSON (a browser's Accept: text/html), where the result falls back to problem+json.
        return TypedResults.Problem(new ProblemDetails { Status = status, Detail = detail }).ExecuteAsync(context);
    }

    private static List<(string Method, string Template, string[] Segments)> Routes(HttpContext context) =>
        context.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw != "/" && !raw.Contains('*'))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + e.RoutePattern.RawText!.Trim('/'), e.RoutePattern.RawText!.Trim('/').Split('/'))))
            .Distinct()
            .ToList();

    private static (string Method, string Template)? Closest(List<(string Method, string Template, string[] Segments)> routes,
        HttpRequest request)
    {
        var segments = Segments(request.Path);
        return routes.Count == 0 ? null : routes
            .OrderBy(r => Distance(segments, r.Segments)).ThenBy(r => r.Method == request.Method ? 0 : 1)
            .ThenBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .Select(r => ((string, string)?)(r.Method, r.Template)).First();
    }

    private static List<string> Allowed(List<(string Method, string Template, string[] Segments)> routes, PathString path)
    {
        var segments = Segments(path);
        return routes.Where(r => Distance(segments, r.Segments) == 0).Select(r => r.Method).Distinct().Order(StringComparer.Ordinal).ToList();
    }

    private static string[] Segments(PathString path) => (path.Value ?? "").Trim('/').Split('/');

    // Segments compared in place: a route parameter matches any segment, a literal costs its edit distance (capped); a
    // missing or extra segment costs as much as a wholly different one.
    private static int Distance(string[] path, string[] template)
    {
        const int Different = 6;
        var cost = Math.Abs(path.Length - template.Length) * Different;
        for (var i = 0; i < Math.Min(path.Length, template.Length); i++)
        {
            if (template[i].StartsWith('{'))
            {
                continue;
            }
            cost += string.Equals(path[i], template[i], StringComparison.OrdinalIgnoreCase) ? 0
                : UnknownFields.Closest(path[i], [template[i]]) is null ? Different : 1;
        }
        return cost;
    }
}
