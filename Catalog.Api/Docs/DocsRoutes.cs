using Swashbuckle.AspNetCore.SwaggerUI;

namespace Catalog.Api.Docs;

/// <summary>Serves the OpenAPI document and the interactive reference page.</summary>
public static class DocsRoutes
{
    /// <summary>Where the OpenAPI document is served.</summary>
    public const string DocumentPath = "/openapi/v1.json";

    /// <summary>Where the interactive reference page is served (its assets live below it).</summary>
    public const string PagePrefix = "docs";

    private static readonly Lazy<byte[]> Page = new(ReadPage);

    /// <summary>
    /// Maps <c>GET /openapi/v1.json</c> (the document generated from the endpoints, <see cref="CatalogOpenApi"/>) and
    /// serves swagger-ui from its embedded assets under <c>/docs</c>; nothing is loaded from outside the host.
    /// </summary>
    public static WebApplication MapCatalogDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        app.Use(GeneratedOnce());
        // The contract answers GET /docs with the page itself (200), not swagger-ui's redirect to /docs/index.html;
        // the page's asset URLs are absolute so they resolve the same from either address.
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.Equals("/" + PagePrefix, StringComparison.Ordinal))
            {
                context.Request.Path = $"/{PagePrefix}/index.html";
            }
            return next(context);
        });
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = PagePrefix;
            options.IndexStream = () => new MemoryStream(Page.Value, writable: false);
            options.StylesPath = $"/{PagePrefix}/swagger-ui.css";
            options.ScriptBundlePath = $"/{PagePrefix}/swagger-ui-bundle.js";
            options.ScriptPresetsPath = $"/{PagePrefix}/swagger-ui-standalone-preset.js";
            options.SwaggerEndpoint(DocumentPath, "Catalog HTTP API v1");
            options.DocumentTitle = "Catalog HTTP API";
            options.ConfigObject.ValidatorUrl = null;
            options.DisplayRequestDuration();
            options.DefaultModelsExpandDepth(1);
            options.SupportedSubmitMethods(SubmitMethod.Get, SubmitMethod.Post, SubmitMethod.Delete);
        });
        return app;
    }

    /// <summary>
    /// The document describes the endpoints, which do not change while the host runs, and generating it costs tens of
    /// milliseconds of CPU: it is generated for the first request that asks for it and the same bytes answer every later
    /// one (whatever their query), so asking for it over and over costs the catalog nothing.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> GeneratedOnce()
    {
        GeneratedDocument? generated = null;
        var gate = new SemaphoreSlim(1, 1);
        return async (context, next) =>
        {
            if (!HttpMethods.IsGet(context.Request.Method) || !context.Request.Path.Equals(DocumentPath, StringComparison.Ordinal))
            {
                await next(context);
                return;
            }
            var document = Volatile.Read(ref generated);
            if (document is null)
            {
                await gate.WaitAsync(context.RequestAborted);
                try
                {
                    document = Volatile.Read(ref generated) ?? await GenerateAsync(context, next);
                    if (context.Response.StatusCode == StatusCodes.Status200OK)
                    {
                        Volatile.Write(ref generated, document);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }
            context.Response.ContentType = document.ContentType;
            context.Response.ContentLength = document.Bytes.Length;
            await context.Response.Body.WriteAsync(document.Bytes, context.RequestAborted);
        };
    }

    private static async Task<GeneratedDocument> GenerateAsync(HttpContext context, RequestDelegate next)
    {
        var response = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = response;
        }
        return new GeneratedDocument(buffer.ToArray(), context.Response.ContentType ?? "application/json");
    }

    private sealed record GeneratedDocument(byte[] Bytes, string ContentType);

    /// <summary>swagger-ui's own page template with the relative asset URLs it writes itself made absolute under /docs/
    /// (the others are the options' paths).</summary>
    private static byte[] ReadPage()
    {
        const string Template = "Swashbuckle.AspNetCore.SwaggerUI.index.html";
        using var stream = typeof(SwaggerUIOptions).Assembly.GetManifestResourceStream(Template)
            ?? throw new InvalidOperationException($"swagger-ui's page template {Template} is missing.");
        using var reader = new StreamReader(stream);
        var html = reader.ReadToEnd()
            .Replace("href=\"./", $"href=\"/{PagePrefix}/", StringComparison.Ordinal)
            .Replace("src=\"./", $"src=\"/{PagePrefix}/", StringComparison.Ordinal)
            .Replace("src=\"index.js\"", $"src=\"/{PagePrefix}/index.js\"", StringComparison.Ordinal);
        return System.Text.Encoding.UTF8.GetBytes(html);
    }
}
