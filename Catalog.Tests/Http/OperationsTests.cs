using System.Collections.Concurrent;
using System.Net;
using Catalog.Api.Operations;
using Catalog.Tests.EventStore;
using Catalog.Tests.Fixtures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Http;

/// <summary>
/// What an operator watches: one request line per request (route template, status, time, job, actor; never a key or a
/// token) and the metrics at /metrics in Prometheus' text format.
/// </summary>
[Trait("Category", "Database")]
public sealed class OperationsTests : IAsyncLifetime
{
    private const string AdminKey = "operations-admin-key";
    private const string AgentKey = "operations-agent-key";

    private readonly RequestLines _lines = new();
    private CatalogAppFactory? _factory;
    private HttpClient _client = null!;
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        _connectionString = await PostgresDatabase.CreateFreshDatabaseAsync("operations");
        _factory = new CatalogAppFactory(new Dictionary<string, string?>
        {
            ["CATALOG_DB"] = _connectionString,
            ["CATALOG_ADMIN_KEYS"] = AdminKey,
            ["CATALOG_AGENT_KEYS"] = AgentKey,
            ["CATALOG_PUBLIC_URL"] = "http://catalog.test",
        }, _lines);
        _client = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        await PostgresDatabase.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Given_requests_with_keys_and_tokens_then_each_has_one_line_with_route_status_time_job_and_actor_and_no_secret()
    {
        var (uuid, token) = await NewJobAsync();
        var (status, _) = await _client.PostAsync($"/api/v1/jobs/{uuid}/events?token={token}", """{"name":"run"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        (status, _) = await _client.PostAsync($"/api/v1/jobs/{uuid}/ready", "{}", AdminKey);
        await _client.GetAsync("/api/v1/no-such-route?token=" + token);

        var lines = _lines.Messages.ToArray();
        Assert.Contains(lines, l => l.StartsWith($"POST /api/v1/jobs/{{uuid}}/events 200 ", StringComparison.Ordinal)
            && l.Contains($"job={uuid}", StringComparison.Ordinal) && l.EndsWith("actor=job-token", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"POST /api/v1/jobs/{{uuid}}/ready {(int)status} ", StringComparison.Ordinal)
            && l.Contains($"job={uuid}", StringComparison.Ordinal) && l.Contains("actor=admin:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("GET (no route) 404 ", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("POST /api/v1/jobs ", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@" \d+\.\d ms ", l));
        Assert.DoesNotContain(lines, l => l.Contains(token, StringComparison.Ordinal)
            || l.Contains(AdminKey, StringComparison.Ordinal) || l.Contains(AgentKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Given_traffic_then_metrics_show_requests_by_route_events_by_type_commit_sizes_projection_lag_and_npgsql()
    {
        var (uuid, token) = await NewJobAsync();
        await _client.PostAsync($"/api/v1/jobs/{uuid}/events", """{"name":"run"}""", headers: new Dictionary<string, string> { ["X-Catalog-Token"] = token });

        string metrics = "";
        await Eventually.WaitForAsync(async () =>
        {
            metrics = await _client.GetStringAsync("/metrics");
            return metrics.Contains("projection=\"lineage_v1\"", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(30), "the projections to report their lag");

        Assert.Matches("""http_server_request_duration_seconds_bucket\{[^}]*http_route="/api/v1/jobs/\{uuid\}/events"[^}]*\}""", metrics);
        // A metrics pipeline listens to the meters of its name in the whole process, so the hosts of other test classes
        // running meanwhile may add to these counts: the series must be there, with a count.
        Assert.Matches("""http_server_request_duration_seconds_count\{[^}]*http_response_status_code="201"[^}]*http_route="/api/v1/jobs"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""catalog_events_appended_total\{[^}]*type="job.created.v1"[^}]*\} [1-9]""", metrics);
        Assert.Matches("""catalog_group_commit_size_bucket\{""", metrics);
        Assert.Matches("""catalog_group_commit_duration_seconds_bucket\{""", metrics);
        Assert.Matches("""catalog_projection_lag\{[^}]*projection="lineage_v1"[^}]*\} \d+""", metrics);
        Assert.Matches("""db_client_\w+""", metrics);
    }

    private async Task<(string Uuid, string Token)> NewJobAsync()
    {
        var (_, pipeline) = await _client.PostAsync("/api/v1/pipelines", """{"id":"tacc/ops:1","name":"Ops","components":[]}""", AgentKey);
        var (status, job) = await _client.PostAsync("/api/v1/jobs",
            new JObject { ["pipeline_uuid"] = pipeline["uuid"], ["data"] = new JObject { ["n"] = Guid.NewGuid().ToString() } }.ToString(), AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)job["uuid"]!, (string)job["token"]!);
    }

    private sealed class RequestLines : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => categoryName == RequestLog.Category ? new Lines(Messages) : NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class Lines(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
