using System.Text.RegularExpressions;

namespace Catalog.Api.Ui;

/// <summary>
/// Serves the web UI: its addresses (<c>/</c>, <c>/jobs</c>, <c>/jobs/{id}</c>, <c>/lineage/{id}</c>, <c>/pipelines</c>,
/// <c>/pipelines/{id}</c>, <c>/groups</c>, <c>/groups/{id}</c>, <c>/search</c>) answer the page (200, text/html, whatever
/// the identifier: the page asks the API and shows its answer, a 404 included), its files are served under
/// <c>/ui/</c>, and every one of these answers carries the UI's Content-Security-Policy. <c>/</c> stays the JSON index
/// for clients that do not ask for HTML; a path that is neither a page nor a route answers a browser with the page's
/// not-found view (404) and any other client with the catalog's JSON 404 naming the closest route.
/// </summary>
public static partial class UiPages
{
    /// <summary>Scripts, styles, images and connections from the host only; no inline script, no plugin, no framing.</summary>
    public const string ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string AssetPrefix = "/ui/";

    private static readonly string[] NotPages = ["/api", "/docs", "/openapi", "/health", "/metrics", "/ui"];

    public static WebApplication UseCatalogUi(this WebApplication app)
    {
        // The files are read on the first request for one, not at start-up.
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                return next(context);
            }
            var path = request.Path.Value ?? "/";
            if (path.StartsWith(AssetPrefix, StringComparison.Ordinal))
            {
                return UiAssets.Embedded.Find(path[AssetPrefix.Length..]) is { } asset ? WriteAsync(context, asset, StatusCodes.Status200OK) : next(context);
            }
            if (PagePath().IsMatch(path))
            {
                return path == "/" && !AcceptsHtml(request) ? next(context) : WriteAsync(context, UiAssets.Embedded.Page, StatusCodes.Status200OK);
            }
            var reserved = NotPages.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(p + "/", StringComparison.OrdinalIgnoreCase));
            return !reserved && AcceptsHtml(request) && context.GetEndpoint() is null
                ? WriteAsync(context, UiAssets.Embedded.Page, StatusCodes.Status404NotFound)
                : next(context);
        });
        return app;
    }

    private static bool AcceptsHtml(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static Task WriteAsync(HttpContext context, UiAsset asset, int status)
    {
        var response = context.Response;
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        if (status == StatusCodes.Status200OK && context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = status;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Bytes, context.RequestAborted).AsTask();
    }

    [GeneratedRegex("^/(|jobs|pipelines|groups|search|(jobs|lineage|pipelines|groups)/[^/]+)/?$", RegexOptions.IgnoreCase)]
    private static partial Regex PagePath();
}
