using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.PythonClient;

/// <summary>What the proxy does with one request.</summary>
public enum ProxyAction
{
    /// <summary>Sent on to the catalog, its answer relayed.</summary>
    Forward,
    /// <summary>Answered 503 with <c>Retry-After: 1</c>; the catalog never sees it.</summary>
    Unavailable,
    /// <summary>Sent on to the catalog, then the connection is closed without an answer.</summary>
    ForwardThenClose,
    /// <summary>Sent on to the catalog, then the connection is reset (TCP RST) without an answer.</summary>
    ForwardThenReset,
    /// <summary>Sent on to the catalog, then nothing is answered until the client gives up (its timeout).</summary>
    ForwardThenStall,
}

/// <summary>One request as the proxy received it.</summary>
public sealed record ProxiedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body,
    DateTimeOffset At, ProxyAction Action)
{
    public JObject? Json => Body.Length > 0 && JToken.Parse(Encoding.UTF8.GetString(Body)) is JObject json ? json : null;
}

/// <summary>
/// A small HTTP/1.1 proxy on a free loopback port between a client and the catalog, breaking chosen requests: one
/// request per connection (the Python client's urllib sends <c>Connection: close</c>), each logged with what was done.
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private static readonly string[] ForwardedHeaders = ["Authorization", "X-Catalog-Token", "Accept", "User-Agent", "Idempotency-Key"];
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly HttpClient _catalog;
    private readonly Func<string, string, JObject?, ProxyAction> _decide;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentBag<Task> _connections = [];

    /// <param name="catalog">Where requests go on.</param>
    /// <param name="decide">What to do with a request: its method, target (path and query) and JSON body.</param>
    public FlakyProxy(Uri catalog, Func<string, string, JObject?, ProxyAction> decide)
    {
        _catalog = new HttpClient { BaseAddress = catalog };
        _decide = decide;
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Address { get; }

    public ConcurrentQueue<ProxiedRequest> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _connections.Add(ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var connection = socket;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var request = await ReadRequestAsync(stream);
        if (request is null)
        {
            return;
        }
        var (method, target, headers, body) = request.Value;
        var json = body.Length > 0 && headers.GetValueOrDefault("content-type", "").Contains("json", StringComparison.Ordinal)
            ? JToken.Parse(Encoding.UTF8.GetString(body)) as JObject
            : null;
        var action = _decide(method, target, json);
        Requests.Enqueue(new ProxiedRequest(method, target, headers, body, DateTimeOffset.UtcNow, action));
        if (action == ProxyAction.Unavailable)
        {
            var problem = """{"type":"https://tools.ietf.org/html/rfc9110#section-15.6.4","title":"Service unavailable","status":503,"detail":"The proxy in the test says the catalog is busy."}""";
            await WriteAsync(stream, 503, "Service Unavailable", "application/problem+json", Encoding.UTF8.GetBytes(problem), retryAfter: "1");
            return;
        }
        using var forwarded = new HttpRequestMessage(new HttpMethod(method), target);
        if (body.Length > 0)
        {
            forwarded.Content = new ByteArrayContent(body);
            forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", headers.GetValueOrDefault("content-type", "application/json"));
        }
        foreach (var name in ForwardedHeaders)
        {
            if (headers.TryGetValue(name.ToLowerInvariant(), out var value))
            {
                forwarded.Headers.TryAddWithoutValidation(name, value);
            }
        }
        using var answer = await _catalog.SendAsync(forwarded);
        var answerBody = await answer.Content.ReadAsByteArrayAsync();
        switch (action)
        {
            case ProxyAction.ForwardThenClose:
                socket.Shutdown(SocketShutdown.Both);
                return;
            case ProxyAction.ForwardThenReset:
                socket.LingerState = new LingerOption(true, 0);
                socket.Close();
                return;
            case ProxyAction.ForwardThenStall:
                // Until the client hangs up (a read of 0 bytes) or the proxy stops.
                try
                {
                    _ = await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false, _stop.Token);
                }
                catch (Exception gone) when (gone is OperationCanceledException or IOException)
                {
                }
                return;
            default:
                var retryAfter = answer.Headers.RetryAfter?.ToString();
                await WriteAsync(stream, (int)answer.StatusCode, answer.ReasonPhrase ?? "",
                    answer.Content.Headers.ContentType?.ToString(), answerBody, retryAfter);
                return;
        }
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string reason, string? contentType, byte[] body, string? retryAfter)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\n");
        if (contentType is not null)
        {
            head.Append($"Content-Type: {contentType}\r\n");
        }
        if (retryAfter is not null)
        {
            head.Append($"Retry-After: {retryAfter}\r\n");
        }
        head.Append($"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
    }

    private static async Task<(string Method, string Target, Dictionary<string, string> Headers, byte[] Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        int end;
        while ((end = IndexOfHeadEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                return null;
            }
            buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }
        var lines = Encoding.ASCII.GetString(buffer.GetRange(0, end).ToArray()).Split("\r\n");
        var parts = lines[0].Split(' ');
        var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim().ToLowerInvariant(),
                l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var body = buffer.Skip(end + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(chunk);
            if (read == 0)
            {
                return null;
            }
            body.AddRange(chunk.AsSpan(0, read).ToArray());
        }
        return (parts[0], parts[1], headers, body.Take(length).ToArray());
    }

    private static int IndexOfHeadEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        try
        {
            await Task.WhenAll(_connections).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception ended) when (ended is IOException or SocketException or ObjectDisposedException or TimeoutException)
        {
        }
        _catalog.Dispose();
        _stop.Dispose();
    }
}
