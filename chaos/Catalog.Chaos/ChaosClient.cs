using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>
/// The catalog routes the runner drives, over one shared <see cref="HttpClient"/>. Every reply is shown to the
/// <see cref="ServerErrorLedger"/>, and every job token handed out is remembered for the secrets scan.
/// </summary>
internal sealed class ChaosClient(HttpClient http, ChaosOptions options, ServerErrorLedger ledger)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private readonly ConcurrentDictionary<string, byte> _tokens = new(StringComparer.Ordinal);

    public HttpClient Http => http;

    public IEnumerable<string> Tokens => _tokens.Keys;

    public static HttpClient CreateHttpClient(int connections) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        MaxConnectionsPerServer = Math.Max(4, connections + 4),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        UseProxy = false,
    })
    {
        // A request that hangs longer than this counts as unanswered; the agents then retry with the same event_id.
        // Generous, because 100 agents queue on one job in the contention part.
        Timeout = TimeSpan.FromSeconds(120),
    };

    public async Task<string> CreatePipelineAsync(string name, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = "Pipeline registered by the chaos runner",
            ["components"] = new JsonArray(new JsonObject { ["id"] = "chaos-step", ["image"] = "catalog/chaos:1", ["version"] = "1.0" }),
        };
        var reply = await SendAsync("setup", HttpMethod.Post, "/api/v1/pipelines", Bytes(body), options.AgentKey, null, cancellationToken);
        if (reply.Status is not (200 or 201) || JsonNode.Parse(reply.Body)?["uuid"]?.GetValue<string>() is not { } uuid)
        {
            throw new InvalidOperationException($"POST /api/v1/pipelines answered {reply.Status}: {reply.Body}");
        }
        return uuid;
    }

    /// <summary>Creates (or attaches to) a job; the answer's uuid and token, or nulls with the reply when it failed.</summary>
    public async Task<(Reply Reply, string? Uuid, string? Token)> CreateJobAsync(string part, string pipelineUuid, JsonObject data,
        CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["pipeline_uuid"] = pipelineUuid,
            ["child_of"] = new JsonArray("measurement.tacc.0xC4A05"),
            ["archive_system"] = "data-sd2e-community",
            ["data"] = data.DeepClone(),
        };
        var reply = await SendAsync(part, HttpMethod.Post, "/api/v1/jobs", Bytes(body), options.AgentKey, null, cancellationToken);
        if (reply.Status is not (200 or 201))
        {
            return (reply, null, null);
        }
        var answer = JsonNode.Parse(reply.Body);
        var uuid = answer?["uuid"]?.GetValue<string>();
        var token = answer?["token"]?.GetValue<string>();
        if (token is not null)
        {
            _tokens.TryAdd(token, 0);
        }
        return (reply, uuid, token);
    }

    /// <summary>Posts one event with the job token in <c>X-Catalog-Token</c>, as agents do.</summary>
    public Task<Reply> PostEventAsync(string part, string jobUuid, string token, byte[] body, CancellationToken cancellationToken) =>
        PostEventAsync(part, jobUuid, token, body, TokenChannel.Header, cancellationToken);

    /// <summary>Posts one event, handing the job token over the given way.</summary>
    public Task<Reply> PostEventAsync(string part, string jobUuid, string token, byte[] body, TokenChannel channel,
        CancellationToken cancellationToken) => channel switch
    {
        TokenChannel.Query => SendAsync(part, HttpMethod.Post,
            $"/api/v1/jobs/{jobUuid}/events?token={Uri.EscapeDataString(token)}", body, null, null, cancellationToken),
        TokenChannel.Webhook => SendAsync(part, HttpMethod.Post,
            $"/api/v1/webhooks/jobs?uuid={jobUuid}&token={Uri.EscapeDataString(token)}", body, null, null, cancellationToken),
        _ => SendAsync(part, HttpMethod.Post, $"/api/v1/jobs/{jobUuid}/events", body, null, token, cancellationToken),
    };

    public Task<Reply> GetAsync(string part, string path, CancellationToken cancellationToken) =>
        SendAsync(part, HttpMethod.Get, path, null, null, null, cancellationToken);

    /// <summary>Any route, as admin (<paramref name="admin"/>) or agent; the body, when given, is sent as JSON.</summary>
    public Task<Reply> SendAsync(string part, HttpMethod method, string path, JsonNode? body, bool admin,
        CancellationToken cancellationToken) =>
        SendAsync(part, method, path, body is null ? null : Bytes(body), admin ? options.AdminKey : options.AgentKey, null, cancellationToken);

    public static byte[] EventBody(string name, string marker) => Bytes(new JsonObject
    {
        ["name"] = name,
        ["event_id"] = marker,
        ["data"] = new JsonObject { ["chaos"] = marker },
    });

    public static byte[] Bytes(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString());

    private async Task<Reply> SendAsync(string part, HttpMethod method, string path, byte[]? body, string? bearer, string? token,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, options.ApiUrl + path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = JsonType } };
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        if (token is not null)
        {
            request.Headers.Add("X-Catalog-Token", token);
        }
        Reply reply;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            reply = new Reply((int)response.StatusCode,
                response.Headers.RetryAfter is not null,
                response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException
            || ex is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            reply = Reply.NoAnswer;
        }
        ledger.Record(part, $"{method} {RouteOf(path)}", reply);
        return reply;
    }

    private static string RouteOf(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? path : path[..query];
    }
}
