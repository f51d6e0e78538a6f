using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// Issue 11, item 3: rebuilds under traffic. Alongside every other hostile batch it starts the rebuild of the next
/// projection (202, or 409 when one is already running), then sends rounds of valid requests until the batch is done
/// and no rebuild shows in the projections route any more: re-posts of existing specs (200, attached), reads of
/// existing jobs (200), admin resets of jobs made for them (200) and events (200). Anything else is a rebuild failure.
/// Only every <c>every</c>-th batch (2 at least, else a multiple of 4) takes a rebuild, so a long run does not
/// spend itself replaying a grown log: about forty rebuilds whatever the length. Batches that are multiples of 4 never
/// do (they go without innocent traffic either, see <see cref="InnocentTraffic"/>).
/// </summary>
internal sealed class RebuildTraffic(CatalogHttp http, AttackOptions options, AttackReport report, IReadOnlyList<string> projections,
    IReadOnlyList<JobHandle> eventJobs, IReadOnlyList<JobHandle> resetJobs, int every) : IBatchCompanion
{
    private const int RebuildsPerRun = 40;

    private const int Jobs = 3;
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(60);
    private int _batches, _round;

    public static async Task<RebuildTraffic> CreateAsync(CatalogHttp http, SetupCalls calls, AttackOptions options, AttackReport report,
        string pipeline, IReadOnlyList<string> projections, CancellationToken cancellationToken)
    {
        var eventJobs = new List<JobHandle>();
        var resetJobs = new List<JobHandle>();
        for (var i = 0; i < Jobs; i++)
        {
            eventJobs.Add(await calls.CreateJobAsync(pipeline, cancellationToken));
            resetJobs.Add(await calls.CreateJobAsync(pipeline, cancellationToken));
        }
        var batches = options.Requests / HostileRun.BatchSize + 1;
        var every = Math.Max(2, batches / RebuildsPerRun);
        return new RebuildTraffic(http, options, report, projections, eventJobs, resetJobs, every > 2 ? (every + 3) / 4 * 4 : every);
    }

    public async Task<bool> AccompanyAsync(Task batch, CancellationToken cancellationToken)
    {
        var number = Interlocked.Increment(ref _batches);
        if (projections.Count == 0 || number % every != 1)
        {
            return false;
        }
        var name = projections[number / every % projections.Count];
        var trigger = new AttackRequest("POST /api/v1/admin/projections/{name}/rebuild", "rebuild under traffic", HttpMethod.Post,
            $"/api/v1/admin/projections/{Uri.EscapeDataString(name)}/rebuild", null, null, [CatalogHttp.Bearer(options.AdminKey)]);
        var started = await http.SendAsync(trigger, cancellationToken);
        report.RebuildRequest();
        if (started.Status == 202)
        {
            report.RebuildStarted();
        }
        else if (started.Status != 409)
        {
            report.RebuildFailure($"{trigger.Describe()} → {started.Status} (202, or 409 while one runs) {started.Error} {Trim(started.Body)}");
        }
        var deadline = DateTime.UtcNow + Longest;
        bool running;
        do
        {
            await RoundAsync(cancellationToken);
            running = await RebuildRunningAsync(cancellationToken);
            if (running)
            {
                report.RebuildOverlap();
            }
        }
        while ((running || !batch.IsCompleted) && DateTime.UtcNow < deadline);
        if (running)
        {
            report.RebuildFailure($"a rebuild of {name} still showed in the projections route after {Longest.TotalSeconds} s");
        }
        return true;
    }

    /// <summary>One of each valid request, on jobs taken in turn.</summary>
    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref _round);
        var job = eventJobs[n % eventJobs.Count];
        var reset = resetJobs[n % resetJobs.Count];
        var admin = CatalogHttp.Bearer(options.AdminKey);
        await ExpectAsync(AttackRequest.Json("POST /api/v1/jobs", "re-post during a rebuild", HttpMethod.Post, "/api/v1/jobs", job.Spec,
            CatalogHttp.Bearer(options.AgentKey)), 200, cancellationToken);
        await ExpectAsync(new AttackRequest("GET /api/v1/jobs/{uuid}", "read during a rebuild", HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}",
            null, null, [admin]), 200, cancellationToken);
        await ExpectAsync(AttackRequest.Json("POST /api/v1/jobs/{uuid}/reset", "reset during a rebuild", HttpMethod.Post,
            $"/api/v1/jobs/{reset.Uuid}/reset", new JsonObject { ["data"] = new JsonObject { ["round"] = n } }.ToJsonString(), admin),
            200, cancellationToken);
        await ExpectAsync(AttackRequest.Json("POST /api/v1/jobs/{uuid}/events", "event during a rebuild", HttpMethod.Post,
            $"/api/v1/jobs/{job.Uuid}/events", new JsonObject
            {
                ["name"] = "update", ["event_id"] = Guid.NewGuid().ToString(), ["data"] = new JsonObject { ["round"] = n },
            }.ToJsonString(), CatalogHttp.TokenHeader(job.Token)), 200, cancellationToken);
    }

    private async Task ExpectAsync(AttackRequest request, int expected, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(request, cancellationToken);
        report.RebuildRequest();
        if (answer.Status != expected)
        {
            report.RebuildFailure($"{request.Describe()} → {answer.Status} (the contract's answer is {expected}) {answer.Error} {Trim(answer.Body)}");
        }
    }

    /// <summary>Whether the projections route shows any projection rebuilding.</summary>
    private async Task<bool> RebuildRunningAsync(CancellationToken cancellationToken)
    {
        var request = new AttackRequest("GET /api/v1/admin/projections", "rebuild progress", HttpMethod.Get, "/api/v1/admin/projections",
            null, null, [CatalogHttp.Bearer(options.AdminKey)]);
        var answer = await http.SendAsync(request, cancellationToken);
        report.RebuildRequest();
        if (answer.Status != 200)
        {
            report.RebuildFailure($"{request.Describe()} → {answer.Status} {answer.Error} {Trim(answer.Body)}");
            return false;
        }
        var items = JsonNode.Parse(answer.Body)?["items"]?.AsArray() ?? [];
        return items.Any(p => p?["status"]?.GetValue<string>() == "rebuilding" || p?["rebuild_target"] is JsonValue);
    }

    private static string Trim(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
