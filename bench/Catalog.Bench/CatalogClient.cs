using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Bench;

/// <summary>
/// The few catalog routes the benchmark drives, over one shared <see cref="HttpClient"/>. Bodies are prepared by the
/// callers as bytes, so serialising them is not part of what is timed.
/// </summary>
internal sealed class CatalogClient(HttpClient http, BenchOptions options)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    public HttpClient Http => http;

    public static HttpClient CreateHttpClient(int connections) => new(new SocketsHttpHandler
    {
        // Agents keep their connections, as real agents with keep-alive would; a connect per event would measure TCP.
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = Math.Max(4, connections + 4),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false,
    })
    {
        Timeout = TimeSpan.FromSeconds(120),
    };

    public async Task<string> CreatePipelineAsync(string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = "Pipeline registered by the catalog benchmark",
            ["components"] = new JsonArray(new JsonObject { ["id"] = "bench-step", ["image"] = "catalog/bench:1", ["version"] = "1.0" }),
        };
        using var request = Request(HttpMethod.Post, "/api/v1/pipelines", Encoding.UTF8.GetBytes(body.ToJsonString()), options.AgentKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode is not (200 or 201))
        {
            throw Unexpected("POST /api/v1/pipelines", response, text);
        }
        return JsonNode.Parse(text)?["uuid"]?.GetValue<string>() ?? throw Unexpected("POST /api/v1/pipelines", response, text);
    }

    public async Task<CreatedJob> CreateJobAsync(byte[] body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, "/api/v1/jobs", body, options.AgentKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (status is not (200 or 201))
        {
            return new CreatedJob(status, null, null);
        }
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        return new CreatedJob(status,
            root.TryGetProperty("uuid", out var uuid) ? uuid.GetString() : null,
            root.TryGetProperty("token", out var token) ? token.GetString() : null);
    }

    /// <summary>Posts one event with the job token in <c>X-Catalog-Token</c>, as agents do; returns the status code.</summary>
    public async Task<int> PostEventAsync(string jobUuid, string token, byte[] body, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, $"/api/v1/jobs/{jobUuid}/events", body, null);
        request.Headers.Add("X-Catalog-Token", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return (int)response.StatusCode;
    }

    /// <summary>Starts a projection rebuild; returns the rebuild target (the log head when it started).</summary>
    public async Task<long> RebuildAsync(string projection, CancellationToken cancellationToken)
    {
        var path = $"/api/v1/admin/projections/{Uri.EscapeDataString(projection)}/rebuild";
        using var request = Request(HttpMethod.Post, path, [], options.AdminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 202)
        {
            throw Unexpected($"POST {path}", response, text);
        }
        return JsonNode.Parse(text)?["rebuild_target"]?.GetValue<long>() ?? throw Unexpected($"POST {path}", response, text);
    }

    /// <summary>The catalog's own series from /metrics and the request counts of the routes the load used.</summary>
    public async Task<IReadOnlyList<string>> MetricsExcerptAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "/metrics", null, null);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Unexpected("GET /metrics", response, text);
        }
        return text.Split('\n')
            .Where(line => line.StartsWith("catalog_events_appended_total", StringComparison.Ordinal)
                || line.StartsWith("catalog_group_commit_size_count", StringComparison.Ordinal)
                || line.StartsWith("catalog_group_commit_size_sum", StringComparison.Ordinal)
                || line.StartsWith("catalog_group_commit_duration_seconds_sum", StringComparison.Ordinal)
                || line.StartsWith("catalog_projection_", StringComparison.Ordinal)
                || (line.StartsWith("http_server_request_duration_seconds_count", StringComparison.Ordinal) && line.Contains("/api/v1/jobs", StringComparison.Ordinal)))
            .ToArray();
    }

    public async Task<IReadOnlyList<ProjectionState>> ProjectionsAsync(CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, "/api/v1/admin/projections", null, options.AdminKey);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw Unexpected("GET /api/v1/admin/projections", response, text);
        }
        var items = JsonNode.Parse(text)?["items"]?.AsArray() ?? throw Unexpected("GET /api/v1/admin/projections", response, text);
        return items.Select(item => new ProjectionState(
            item!["name"]!.GetValue<string>(),
            item["status"]!.GetValue<string>(),
            item["position"]!.GetValue<long>(),
            item["head"]!.GetValue<long>(),
            item["rebuild_target"]?.GetValue<long>())).ToArray();
    }

    public async Task<LineageAnswer> LineageAsync(string root, string direction, int depth, CancellationToken cancellationToken, string? asOf = null)
    {
        using var request = Request(HttpMethod.Get,
            $"/api/v1/lineage/{root}?direction={direction}&depth={depth}{(asOf is null ? "" : "&as_of=" + Uri.EscapeDataString(asOf))}", null, null);
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new LineageAnswer((int)response.StatusCode, 0, 0, false);
        }
        using var document = JsonDocument.Parse(bytes);
        var graph = document.RootElement;
        return new LineageAnswer((int)response.StatusCode,
            graph.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array ? nodes.GetArrayLength() : 0,
            graph.TryGetProperty("edges", out var edges) && edges.ValueKind == JsonValueKind.Array ? edges.GetArrayLength() : 0,
            graph.TryGetProperty("truncated", out var truncated) && truncated.ValueKind == JsonValueKind.True);
    }

    /// <summary>A plain GET: the status and the body's length (an unmapped route answers 404 with an empty body).</summary>
    public async Task<(int Status, int BodyLength)> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path, null, null);
        using var response = await http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return ((int)response.StatusCode, bytes.Length);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, byte[]? body, string? bearer)
    {
        var request = new HttpRequestMessage(method, options.ApiUrl + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return request;
    }

    private static InvalidOperationException Unexpected(string call, HttpResponseMessage response, string body) =>
        new($"{call} answered {(int)response.StatusCode}: {(body.Length > 500 ? body[..500] : body)}");
}
