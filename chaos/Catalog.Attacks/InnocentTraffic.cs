using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>
/// Issue 11, item 2: a bad request harms only its sender. A few workers send valid requests at the same moments as
/// each hostile batch, so they share the server's group commits with poisoned ones: events (`update`, a fresh
/// `event_id`, small data) with the job's token, creations (201), re-posts of existing specs (200, attached) and reads
/// of existing jobs (200). Each worker has jobs of its own, so no two valid requests race for one stream. Every
/// answer must be the contract's success; anything else is an innocent failure.
/// </summary>
internal sealed class InnocentTraffic : IBatchCompanion
{
    private const int Workers = 3, JobsPerWorker = 3;

    private enum Kind { Event, Create, Repost, Read }

    private static readonly Gen<(Kind Kind, int Job, Guid EventId, int Value)> Action = Gen.Select(
        Gen.Frequency((4, Gen.Const(Kind.Event)), (1, Gen.Const(Kind.Create)), (2, Gen.Const(Kind.Repost)), (2, Gen.Const(Kind.Read))),
        Gen.Int[0, JobsPerWorker - 1], Gen.Guid, Gen.Int[0, 1_000_000]);

    private readonly CatalogHttp _http;
    private readonly SetupCalls _calls;
    private readonly AttackOptions _options;
    private readonly AttackReport _report;
    private readonly TokenLedger _tokens;
    private readonly string _pipeline;
    private readonly JobHandle[][] _jobs;
    private readonly PCG[] _draws;
    private int _batches;

    private InnocentTraffic(CatalogHttp http, SetupCalls calls, AttackOptions options, AttackReport report, TokenLedger tokens,
        string pipeline, JobHandle[][] jobs)
    {
        (_http, _calls, _options, _report, _tokens, _pipeline, _jobs) = (http, calls, options, report, tokens, pipeline, jobs);
        _draws = Enumerable.Range(0, Workers).Select(w => new PCG((uint)(11 + w), options.Seed)).ToArray();
    }

    public static async Task<InnocentTraffic> CreateAsync(CatalogHttp http, SetupCalls calls, AttackOptions options, AttackReport report,
        TokenLedger tokens, string pipeline, CancellationToken cancellationToken)
    {
        var jobs = new JobHandle[Workers][];
        for (var w = 0; w < Workers; w++)
        {
            jobs[w] = new JobHandle[JobsPerWorker];
            for (var j = 0; j < JobsPerWorker; j++)
            {
                jobs[w][j] = await calls.CreateJobAsync(pipeline, cancellationToken);
            }
        }
        return new InnocentTraffic(http, calls, options, report, tokens, pipeline, jobs);
    }

    public async Task<bool> AccompanyAsync(Task batch, CancellationToken cancellationToken)
    {
        // Every fourth batch goes alone (the rebuilds skip it too), so it keeps the strict check: refused-only, the
        // database must not move at all, GETs included.
        if (Interlocked.Increment(ref _batches) % 4 == 0)
        {
            return false;
        }
        var wrote = await Task.WhenAll(Enumerable.Range(0, Workers).Select(w => WorkAsync(w, batch, cancellationToken)));
        return wrote.Any(w => w);
    }

    /// <summary>At least one request, then more until the hostile batch is done.</summary>
    private async Task<bool> WorkAsync(int worker, Task batch, CancellationToken cancellationToken)
    {
        var wrote = false;
        do
        {
            var (kind, index, eventId, value) = Action.Generate(_draws[worker], null, out _);
            var job = _jobs[worker][index];
            var (request, expected) = kind switch
            {
                Kind.Event => (AttackRequest.Json("POST /api/v1/jobs/{uuid}/events", "innocent event", HttpMethod.Post, $"/api/v1/jobs/{job.Uuid}/events",
                    new JsonObject { ["name"] = "update", ["event_id"] = eventId.ToString(), ["data"] = new JsonObject { ["innocent"] = value } }.ToJsonString(),
                    CatalogHttp.TokenHeader(job.Token)), 200),
                Kind.Create => (AttackRequest.Json("POST /api/v1/jobs", "innocent creation", HttpMethod.Post, "/api/v1/jobs",
                    _calls.NextSpec(_pipeline).Spec, CatalogHttp.Bearer(_options.AgentKey)), 201),
                Kind.Repost => (AttackRequest.Json("POST /api/v1/jobs", "innocent re-post", HttpMethod.Post, "/api/v1/jobs",
                    job.Spec, CatalogHttp.Bearer(_options.AgentKey)), 200),
                _ => (new AttackRequest("GET /api/v1/jobs/{uuid}", "innocent read", HttpMethod.Get, $"/api/v1/jobs/{job.Uuid}", null, null,
                    [CatalogHttp.Bearer(_options.AdminKey)]), 200),
            };
            var answer = await _http.SendAsync(request, cancellationToken);
            _report.InnocentRequest();
            wrote |= kind is Kind.Event or Kind.Create;
            if (answer.Status != expected)
            {
                _report.InnocentFailure($"{request.Describe()} → {answer.Status} (the contract's answer is {expected}) {answer.Error} {Trim(answer.Body)}");
            }
            else if (kind == Kind.Create)
            {
                CollectToken(answer.Body);
            }
        }
        while (!batch.IsCompleted);
        return wrote;
    }

    private void CollectToken(string body)
    {
        if (JsonNode.Parse(body)?["token"]?.GetValue<string>() is { } token)
        {
            _tokens.Add(token);
        }
    }

    private static string Trim(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
