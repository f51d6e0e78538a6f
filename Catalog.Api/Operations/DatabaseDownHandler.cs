using System.Net.Sockets;
using Catalog.Webhooks.Http;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Catalog.Api.Operations;

/// <summary>
/// Unhandled exceptions become problem+json: a database that does not answer is a 503 with <c>Retry-After</c>
/// (the client may retry; nothing was acknowledged), anything else a 500 that says no more than it must.
/// </summary>
public sealed class DatabaseDownHandler(ILogger<DatabaseDownHandler> logger, TimeProvider clock) : IExceptionHandler
{
    // An outage fails every request: one warning per interval (with how many were refused since) says as much.
    private static readonly TimeSpan WarningInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private DateTimeOffset _lastWarning = DateTimeOffset.MinValue;
    private long _refusedSinceWarning;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult answer;
        if (IsDatabaseDown(exception))
        {
            WarnDatabaseDown(httpContext, exception);
            answer = new UnavailableProblem(
                "The database does not answer, so this request may not have been recorded. Retry later; a retry with the same event_id is never recorded twice.");
        }
        else if (exception is BadHttpRequestException bad)
        {
            answer = Problems.Problem(bad.StatusCode, "Bad request", bad.Message);
        }
        else
        {
            logger.LogError(exception, "Unhandled error for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            answer = Problems.Problem(StatusCodes.Status500InternalServerError, "Internal error", "The catalog failed to answer this request.");
        }
        await answer.ExecuteAsync(httpContext);
        return true;
    }

    private void WarnDatabaseDown(HttpContext context, Exception exception)
    {
        long refused;
        lock (_lock)
        {
            _refusedSinceWarning++;
            var now = clock.GetUtcNow();
            if (now - _lastWarning < WarningInterval)
            {
                return;
            }
            _lastWarning = now;
            refused = _refusedSinceWarning;
            _refusedSinceWarning = 0;
        }
        logger.LogWarning("Database unavailable ({Refused} requests answered 503 since the last warning), e.g. {Method} {Path}: {Message}",
            refused, context.Request.Method, context.Request.Path, exception.Message);
    }

    private static bool IsDatabaseDown(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" } => true,
        NpgsqlException { InnerException: SocketException or TimeoutException or IOException } => true,
        SocketException or TimeoutException => true,
        InvalidOperationException { InnerException: { } inner } => IsDatabaseDown(inner),
        _ => false,
    };
}
