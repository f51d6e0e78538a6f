using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>
/// Issue 11, item 9: unstorable text everywhere. For every body route a valid body, and every string in it (member
/// names and values, linkage fields, inputs, archive fields, session, data, patterns, event ids, tokens) poisoned with
/// each of a NUL and the two lone surrogates; the query parameters of the list and webhook routes with a NUL; forged
/// `?after=` cursors on every paged route. All carry valid credentials on a well-formed route, so the contract's
/// answer is 422 naming the field; the exceptions are the fields that are themselves the credential or the job's
/// reference (a poisoned token is a wrong token: 401; a poisoned job UUID names no job: 404).
/// </summary>
internal sealed class UnstorableRequests
{
    private const string EventIdHole = "EVENTIDHOLE";
    private static readonly int[] TokenStatuses = [401, 403], JobReferenceStatuses = [404];

    private readonly AttackOptions _options;
    private readonly PCG _draws;
    private readonly List<AttackRequest> _requests = [];
    private int _eventIds;

    private UnstorableRequests(AttackOptions options)
    {
        _options = options;
        _draws = new PCG(29, options.Seed);
    }

    public IReadOnlyList<AttackRequest> All => _requests;

    /// <summary>The job bodies each poisoned variant starts from; preview must accept every one of them as it is, or
    /// the variants' 422s could have another reason.</summary>
    public IReadOnlyList<string> JobBases { get; private set; } = [];

    /// <summary>Sends each job body as it is to preview (which stores nothing): one it refuses would make its poisoned
    /// variants' 422s prove nothing, so it is said.</summary>
    public async Task<IReadOnlyList<string>> RefusedBasesAsync(CatalogHttp http, CancellationToken cancellationToken)
    {
        var refused = new List<string>();
        foreach (var spec in JobBases)
        {
            var answer = await http.SendAsync(AttackRequest.Json("POST /api/v1/jobs/preview", "unpoisoned base", HttpMethod.Post,
                "/api/v1/jobs/preview", spec), cancellationToken);
            if (answer.Status != 200)
            {
                refused.Add($"{spec} → {answer.Status} {answer.Body}");
            }
        }
        return refused;
    }

    public static async Task<UnstorableRequests> CreateAsync(SetupCalls calls, HostileWorld world, AttackOptions options,
        CancellationToken cancellationToken)
    {
        var events = await calls.CreateJobAsync(world.PipelineUuid, cancellationToken);
        var webhook = await calls.CreateJobAsync(world.PipelineUuid, cancellationToken);
        var reset = await calls.CreateJobAsync(world.PipelineUuid, cancellationToken);
        var ready = await calls.CreateJobAsync(world.PipelineUuid, cancellationToken);
        await calls.AdminAsync("POST /api/v1/jobs/{uuid}/reset", HttpMethod.Post, $"/api/v1/jobs/{ready.Uuid}/reset", "{}", 200, cancellationToken);
        // Its own FINISHED job for the index body: the index targets take hostile indexing, which may hold them INDEXING.
        var index = await calls.CreateJobAsync(world.PipelineUuid, cancellationToken);
        await calls.EventAsync(index, "run", cancellationToken);
        await calls.EventAsync(index, "finish", cancellationToken);
        var indexed = world.IndexTargets[0];
        var cursors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var list in new[] { "/api/v1/jobs", "/api/v1/pipelines", "/api/v1/admin/audit", $"/api/v1/jobs/{indexed.Uuid}/files" })
        {
            if ((await calls.GetAsync(list + "?limit=1", cancellationToken))["next"]?.GetValue<string>() is { } next)
            {
                cursors[list] = next;
            }
        }

        var built = new UnstorableRequests(options);
        built.Bodies(world, events, webhook, reset, ready, index);
        built.Queries(world, events, webhook, indexed);
        built.Cursors(cursors, indexed);
        return built;
    }

    private void Bodies(HostileWorld world, JobHandle events, JobHandle webhook, JobHandle reset, JobHandle ready, JobHandle index)
    {
        var measurement = world.EventTargets[0].Measurement;
        var pipeline = world.PipelineUuid;
        var patterns = $$"""{"patterns":["csv$"],"level":"1","derived_from":["{{measurement}}"],"derived_using":["{{measurement}}"]}""";
        var data = """{"note":"plain","nested":{"key":"value"},"list":["item"]}""";
        JobBases =
        [
            $$"""{"pipeline_uuid":"{{pipeline}}","measurement_id":"{{measurement}}","data":{{data}},"archive_path":"/products/v2/unstorable/run","archive_system":"data-sd2e-community","archive_patterns":[{{patterns}}],"product_patterns":[{{patterns}}],"instanced":false,"session":"session-1","agent":"agent-1","task":"task-1","inputs":["{{measurement}}"],"owner":"owner-1","labels":{"lab":"plain"},"notes":"plain","tags":["tag-1"]}""",
            $$$"""{"pipeline_uuid":"{{{pipeline}}}","child_of":["{{{measurement}}}"],"data":{"note":"plain"}}""",
            $$$"""{"pipeline_uuid":"{{{pipeline}}}","sample_id":"sample.tacc.0xDEADBEEF","data":{"note":"plain"}}""",
            $$$"""{"pipeline_uuid":"{{{pipeline}}}","experiment_id":"experiment.tacc.0xDEADBEEF","data":{"note":"plain"}}""",
            $$$"""{"pipeline_uuid":"{{{pipeline}}}","experiment_design_id":"experiment_design.tacc.0xDEADBEEF","data":{"note":"plain"}}""",
        ];
        var agent = CatalogHttp.Bearer(_options.AgentKey);
        var admin = CatalogHttp.Bearer(_options.AdminKey);
        Body("POST /api/v1/pipelines", "/api/v1/pipelines",
            $$"""{"id":"attacks/unstorable-{{_options.Seed}}","name":"unstorable","description":"plain","components":[{"name":"step","image":"attacks/step:1"}]}""", agent);
        foreach (var spec in JobBases)
        {
            Body("POST /api/v1/jobs", "/api/v1/jobs", spec, agent);
            Body("POST /api/v1/jobs/preview", "/api/v1/jobs/preview", spec);
        }
        foreach (var name in new[] { "name", "event" })
        {
            Body("POST /api/v1/jobs/{uuid}/events", $"/api/v1/jobs/{events.Uuid}/events",
                $$"""{"token":"{{events.Token}}","{{name}}":"update","event_id":"{{EventIdHole}}","data":{{data}}}""");
        }
        Body("POST /api/v1/webhooks/jobs", "/api/v1/webhooks/jobs",
            $$"""{"uuid":"{{webhook.Uuid}}","token":"{{webhook.Token}}","name":"update","data":{{data}}}""");
        Body("POST /api/v1/webhooks/jobs", $"/api/v1/webhooks/jobs?uuid={webhook.Uuid}&token={Uri.EscapeDataString(webhook.Token)}",
            """{"appId":"app-1","executionSystem":"hpc","owner":"sd2eadm","archivePath":"/products/v2/unstorable/aloe","archiveSystem":"data-sd2e-community","status":"RUNNING","tenantId":"sd2e","tenantQueue":"q","history":[{"status":"RUNNING","description":"started"}]}""");
        Body("POST /api/v1/jobs/{uuid}/reset", $"/api/v1/jobs/{reset.Uuid}/reset", $$"""{"data":{{data}},"clear_archive":false}""", admin);
        Body("POST /api/v1/jobs/{uuid}/ready", $"/api/v1/jobs/{ready.Uuid}/ready", $$"""{"data":{{data}}}""", admin);
        Body("POST /api/v1/admin/rerun", "/api/v1/admin/rerun", """{"state":"FAILED","updated_after":"2999-01-01T00:00:00Z","reason":"plain"}""", admin);
        Body("POST /api/v1/groups", "/api/v1/groups", """{"name":"plain","kind":"parallel","owner":"plain"}""", agent);
        var openLineage = """{"eventType":"START","eventTime":"2026-12-03T10:00:00Z","producer":"https://attacks.example/plain","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent","run":{"runId":"5f0e4c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b","facets":{"note":{"_producer":"https://attacks.example/plain","_schemaURL":"https://attacks.example/plain","text":"plain"}}},"job":{"namespace":"attacks","name":"plain"},"inputs":[{"namespace":"attacks","name":"plain-in"}]}""";
        Body("POST /api/v1/lineage", "/api/v1/lineage", openLineage, agent);
        Body("POST /api/v1/lineage/batch", "/api/v1/lineage/batch", $"[{openLineage}]", agent);
        Body("POST /api/v1/jobs/{uuid}/rerun", $"/api/v1/jobs/{reset.Uuid}/rerun", """{"reason":"plain"}""", admin);
        Body("POST /api/v1/jobs/{uuid}/index", $"/api/v1/jobs/{index.Uuid}/index",
            $$"""{"filters":[{{patterns}}],"level":"1","fixity":false}""", admin);
    }

    private void Queries(HostileWorld world, JobHandle events, JobHandle webhook, JobHandle indexed)
    {
        var measurement = world.EventTargets[0].Measurement;
        var admin = CatalogHttp.Bearer(_options.AdminKey);
        Query("GET /api/v1/jobs", HttpMethod.Get, "/api/v1/jobs", [("state", "CREATED"), ("pipeline_uuid", world.PipelineUuid),
            ("child_of", measurement), ("updated_after", "2026-01-01T00:00:00.000Z"), ("include_deleted", "false"), ("limit", "10")], admin);
        Query("GET /api/v1/pipelines", HttpMethod.Get, "/api/v1/pipelines", [("limit", "10")], admin);
        Query("GET /api/v1/groups", HttpMethod.Get, "/api/v1/groups", [("limit", "10")], admin);
        Query("GET /api/v1/lineage/events", HttpMethod.Get, "/api/v1/lineage/events", [("namespace", "attacks"), ("name", "plain"), ("limit", "10")], admin);
        Query("GET /api/v1/admin/audit", HttpMethod.Get, "/api/v1/admin/audit", [("job_uuid", events.Uuid), ("limit", "10")], admin);
        Query("GET /api/v1/jobs/{uuid}/files", HttpMethod.Get, $"/api/v1/jobs/{indexed.Uuid}/files", [("include_deleted", "false"), ("limit", "10")], admin);
        Query("GET /api/v1/jobs/{uuid}", HttpMethod.Get, $"/api/v1/jobs/{events.Uuid}", [("include_deleted", "false")], admin);
        Query("GET /api/v1/jobs/{uuid}/events", HttpMethod.Get, $"/api/v1/jobs/{events.Uuid}/events", [("include_deleted", "false")], admin);
        Query("GET /api/v1/lineage/{uuid}", HttpMethod.Get, $"/api/v1/lineage/{events.Uuid}", [("direction", "both"), ("depth", "2"), ("limit", "10")], admin);
        Query("GET /api/v1/search", HttpMethod.Get, "/api/v1/search", [("q", measurement), ("type", "job"), ("include_deleted", "false"),
            ("limit", "10")], admin);
        Query("POST /api/v1/webhooks/jobs", HttpMethod.Post, "/api/v1/webhooks/jobs",
            [("uuid", webhook.Uuid), ("token", webhook.Token), ("event", "update"), ("note", "plain")], null);
        Query("POST /api/v1/webhooks/jobs", HttpMethod.Post, "/api/v1/webhooks/jobs",
            [("uuid", webhook.Uuid), ("token", webhook.Token), ("status", "RUNNING"), ("note", "plain")], null);
    }

    private void Cursors(Dictionary<string, string> cursors, JobHandle indexed)
    {
        var admin = CatalogHttp.Bearer(_options.AdminKey);
        foreach (var (list, route) in new[]
        {
            ("/api/v1/jobs", "GET /api/v1/jobs"), ("/api/v1/pipelines", "GET /api/v1/pipelines"),
            ("/api/v1/admin/audit", "GET /api/v1/admin/audit"), ($"/api/v1/jobs/{indexed.Uuid}/files", "GET /api/v1/jobs/{uuid}/files"),
        })
        {
            var own = cursors.GetValueOrDefault(list) ?? ForgedCursors.Encode("jobs|123|x");
            foreach (var (attack, value) in ForgedCursors.For(own, cursors.Values))
            {
                var encoded = value == "%00" ? value : Uri.EscapeDataString(value);
                Add(new AttackRequest(route, $"forged cursor: {attack}", HttpMethod.Get, $"{list}?limit=5&after={encoded}", null, null, [admin]),
                    "after");
            }
        }
    }

    /// <summary>Every string of <paramref name="json"/> poisoned with each escape, at a drawn place.</summary>
    private void Body(string route, string path, string json, params KeyValuePair<string, string>[] headers)
    {
        foreach (var (start, length, field) in UnstorableText.Sites(json))
        {
            foreach (var escape in UnstorableText.Escapes)
            {
                var place = UnstorableText.Place.Generate(_draws, null, out _);
                var body = UnstorableText.Inject(json, start, length, escape, place)
                    .Replace(EventIdHole, $"unstorable-{_options.Seed}-{Interlocked.Increment(ref _eventIds)}", StringComparison.Ordinal);
                Add(AttackRequest.Json(route, $"{escape} in {field}", HttpMethod.Post, path, body, headers), field);
            }
        }
    }

    /// <summary>Each query value with a NUL at a drawn place (and, as plain hostile input, the bytes of a lone surrogate).</summary>
    private void Query(string route, HttpMethod method, string path, (string Name, string Value)[] parameters, KeyValuePair<string, string>? credential)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            var place = UnstorableText.Place.Generate(_draws, null, out _);
            foreach (var fault in UnstorableText.QuerySurrogates.Prepend(UnstorableText.QueryNul))
            {
                var query = string.Join('&', parameters.Select((p, j) => p.Name + "=" + (j == i
                    ? UnstorableText.Inject(Uri.EscapeDataString(p.Value), 0, Uri.EscapeDataString(p.Value).Length, fault, place == 2 ? 3 : place)
                    : Uri.EscapeDataString(p.Value))));
                var request = new AttackRequest(route, $"{fault} in ?{parameters[i].Name}", method, $"{path}?{query}", null, null,
                    credential is { } c ? [c] : []);
                if (fault == UnstorableText.QueryNul)
                {
                    Add(request, parameters[i].Name);
                }
                else
                {
                    _requests.Add(request);
                }
            }
        }
    }

    private void Add(AttackRequest request, string field)
    {
        var name = field.Split(' ')[0];
        IReadOnlyCollection<int> allowed = name switch
        {
            "token" => TokenStatuses,
            "uuid" => JobReferenceStatuses,
            _ => [],
        };
        _requests.Add(request with { Unstorable = new UnstorableExpectation(field, allowed) });
    }
}
