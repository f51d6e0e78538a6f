using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Cli.Http;

/// <summary>The catalog's HTTP API as the command line uses it: each error becomes an exception carrying one line to show.</summary>
internal sealed class CatalogClient : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(100);

    private readonly HttpClient _http;

    public CatalogClient(Uri baseUrl, string? key)
    {
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl, Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("catalog-cli", "1.0"));
        if (!string.IsNullOrEmpty(key))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
    }

    public Uri BaseUrl { get; }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<ApiAnswer> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body?.ToJsonString(), cancellationToken);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (HttpRequestException unreachable)
        {
            throw new UnreachableException(BaseUrl, Reason(unreachable));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UnreachableException(BaseUrl, $"no answer within {Timeout.TotalSeconds:0} s");
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = Parse(text, response.Content.Headers.ContentType?.MediaType);
            if (response.IsSuccessStatusCode)
            {
                return new ApiAnswer(status, text, body);
            }
            throw new ApiException(status, Detail(response, body, text), RetryAfter(response));
        }
    }

    public void Dispose() => _http.Dispose();

    private static JsonNode? Parse(string text, string? mediaType)
    {
        if (text.Length == 0 || mediaType is null || !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The problem's detail (and the list of what is wrong, when it gives one), else the status's reason.</summary>
    private static string Detail(HttpResponseMessage response, JsonNode? body, string text)
    {
        var detail = (body as JsonObject)?["detail"]?.GetValueKind() == JsonValueKind.String ? (string?)body!["detail"] : null;
        detail ??= (body as JsonObject)?["title"]?.GetValueKind() == JsonValueKind.String ? (string?)body!["title"] : null;
        if (detail is null)
        {
            var firstLine = text.Split('\n', 2)[0].Trim();
            detail = firstLine.Length is > 0 and <= 200 && body is null && !firstLine.StartsWith('<') ? firstLine : response.ReasonPhrase ?? "error";
        }
        if ((body as JsonObject)?["errors"] is JsonArray errors && errors.Count > 0)
        {
            var listed = errors.Select(e => e?.GetValueKind() == JsonValueKind.String ? (string?)e : e?.ToJsonString()).Where(e => e is not null);
            detail += Environment.NewLine + string.Join(Environment.NewLine, listed.Select(e => "  - " + e));
        }
        if ((body as JsonObject)?["allowed_events"] is JsonArray allowed)
        {
            detail += $" (allowed events: {string.Join(", ", allowed.Select(a => (string?)a))})";
        }
        return detail;
    }

    private static string? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => $"{delta.TotalSeconds:0} s",
        { Date: { } date } => date.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
        _ => response.StatusCode == HttpStatusCode.ServiceUnavailable ? "not given" : null,
    };

    private static string Reason(HttpRequestException exception)
    {
        var inner = exception.InnerException;
        while (inner?.InnerException is not null && inner is not System.Net.Sockets.SocketException)
        {
            inner = inner.InnerException;
        }
        return (inner ?? exception).Message;
    }
}
