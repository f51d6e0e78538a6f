using System.Diagnostics;
using Catalog.Webhooks.Http;

namespace Catalog.Api.Operations;

/// <summary>
/// One structured line per request: method, route template (never the path or the query, which may carry a job
/// token), status, milliseconds, the job's UUID when the route names one, and the caller as its key fingerprint
/// (<c>admin:1a2b3c4d</c>) or <c>job-token</c> when the job's token admitted it, so every admin action is on record
/// with its actor.
/// </summary>
public static partial class RequestLog
{
    public const string Category = "Catalog.Requests";

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                Write(logger, context, Stopwatch.GetElapsedTime(started));
            }
        });
    }

    private static void Write(ILogger logger, HttpContext context, TimeSpan elapsed)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        // Only a well-formed UUID is repeated: a route value is what the caller typed.
        var job = context.GetRouteValue("uuid") is string value && Guid.TryParse(value, out var uuid) ? uuid.ToString() : "-";
        Answered(logger, context.Request.Method, route, context.Response.StatusCode, elapsed.TotalMilliseconds, job, context.RequestActor());
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Route} {Status} {ElapsedMs:0.0} ms job={Job} actor={Actor}")]
    private static partial void Answered(ILogger logger, string method, string route, int status, double elapsedMs, string job, string actor);
}
