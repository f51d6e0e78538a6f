using System.Diagnostics;

namespace Catalog.Attacks;

/// <summary>One pooled <see cref="HttpClient"/> for every request of the run, and the conversion of answers.</summary>
internal sealed class CatalogHttp(Uri baseUrl) : IDisposable
{
    /// <summary>Longer than any honest answer, including a pattern evaluation that runs into the catalog's timeout.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private const int MaxBodyKept = 4096;

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = 32,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false,
        AllowAutoRedirect = false,
    })
    {
        BaseAddress = baseUrl,
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<Answer> SendAsync(AttackRequest request, CancellationToken cancellationToken, int keep = MaxBodyKept)
    {
        using var message = new HttpRequestMessage(request.Method, request.PathAndQuery.TrimStart('/'));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                // Hostile content types are sent as written, not as .NET would normalise them.
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(RequestTimeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType,
                text.Length > keep ? text[..keep] : text, Stopwatch.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Answer(0, null, "", Stopwatch.GetElapsedTime(started), $"no answer within {RequestTimeout.TotalSeconds} s");
        }
        catch (HttpRequestException ex)
        {
            return new Answer(0, null, "", Stopwatch.GetElapsedTime(started), $"connection failure: {ex.Message} {ex.InnerException?.Message}");
        }
    }

    public static KeyValuePair<string, string> Bearer(string key) => new("Authorization", $"Bearer {key}");

    public static KeyValuePair<string, string> TokenHeader(string token) => new("X-Catalog-Token", token);

    public void Dispose() => _http.Dispose();
}
