using System.Text.Json.Nodes;

namespace Catalog.Chaos;

/// <summary>
/// While the database is down, the agents only exercise the event routes; this walks the other routes that need the
/// database (reads, admin reads, job and pipeline creation) over and over, so a route that turns the outage into a
/// 500 or hangs is caught too. The ledger judges the 5xx; what is counted here is requests that got no answer at all.
/// </summary>
internal sealed class RouteProbe : IDisposable
{
    private readonly ChaosContext _context;
    private readonly (HttpMethod Method, string Path, JsonNode? Body, bool Admin)[] _routes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _requests;
    private long _unanswered;
    private long _unavailable;

    private RouteProbe(ChaosContext context, string jobUuid)
    {
        _context = context;
        var pipeline = context.PipelineUuid;
        _routes =
        [
            (HttpMethod.Get, "/api/v1/jobs?limit=5", null, false),
            (HttpMethod.Get, $"/api/v1/jobs/{jobUuid}", null, false),
            (HttpMethod.Get, $"/api/v1/jobs/{jobUuid}/events", null, false),
            (HttpMethod.Get, $"/api/v1/jobs/{jobUuid}/files", null, false),
            (HttpMethod.Get, $"/api/v1/jobs/{jobUuid}/outputs", null, false),
            (HttpMethod.Get, $"/api/v1/lineage/{jobUuid}?direction=both&depth=2", null, false),
            (HttpMethod.Get, "/api/v1/pipelines", null, false),
            (HttpMethod.Get, $"/api/v1/pipelines/{pipeline}", null, false),
            (HttpMethod.Get, "/api/v1/admin/projections", null, true),
            (HttpMethod.Get, "/api/v1/admin/audit", null, true),
            (HttpMethod.Post, "/api/v1/jobs", new JsonObject
            {
                ["pipeline_uuid"] = pipeline,
                ["child_of"] = new JsonArray("measurement.tacc.0xC4A05"),
                ["data"] = new JsonObject { ["chaos_probe"] = context.Run },
            }, false),
            (HttpMethod.Post, "/api/v1/pipelines", new JsonObject
            {
                ["name"] = "chaos-probe-" + context.Run,
                ["components"] = new JsonArray(new JsonObject { ["id"] = "probe", ["image"] = "catalog/chaos:1" }),
            }, false),
        ];
        _loop = Task.Run(LoopAsync);
    }

    public long Requests => Interlocked.Read(ref _requests);

    public long Unanswered => Interlocked.Read(ref _unanswered);

    /// <summary>Requests answered with the proper 503 (Retry-After, problem+json).</summary>
    public long Unavailable => Interlocked.Read(ref _unavailable);

    public static RouteProbe Start(ChaosContext context, string jobUuid) => new(context, jobUuid);

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            foreach (var (method, path, body, admin) in _routes)
            {
                var reply = await _context.Client.SendAsync("outage", method, path, body?.DeepClone(), admin, CancellationToken.None);
                Interlocked.Increment(ref _requests);
                if (reply.Status == 0)
                {
                    Interlocked.Increment(ref _unanswered);
                }
                else if (reply.IsProperUnavailable)
                {
                    Interlocked.Increment(ref _unavailable);
                }
            }
        }
    }

    public void Dispose() => _stop.Dispose();
}
