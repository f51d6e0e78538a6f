using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Catalog.Attacks;

/// <summary>
/// One CsCheck generator of hostile requests per route of the contract, and their weighted union. The path, the query,
/// the body, the content type and the credential are drawn independently, so every route meets every kind of attack.
/// </summary>
internal sealed class HostileRoutes
{
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Delete = HttpMethod.Delete;

    private static readonly Gen<string?> ContentType = Gen.Frequency(
        (10, Gen.Const<string?>("application/json")),
        (2, Gen.OneOf<string?>("text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
            "application/json; charset=utf-16", "application/json; charset=latin1", ";;;", "application/problem+json", "*/*", "", "json")),
        (1, Gen.Const<string?>((string?)null)));

    private static readonly Gen<HostileCredential> Credentials = Gen.Frequency(
        (6, Gen.Const(HostileCredential.AdminKey)), (4, Gen.Const(HostileCredential.AgentKey)),
        (6, Gen.Const(HostileCredential.OwnToken)), (1, Gen.Const(HostileCredential.OtherToken)),
        (1, Gen.Const(HostileCredential.RotatedToken)), (2, Gen.Const(HostileCredential.None)),
        (1, Gen.Const(HostileCredential.GarbageKey)));

    private static readonly Gen<(byte[]?, string)> NoBody = Gen.Const(((byte[]?)null, "hostile path or query"));

    private readonly HostileWorld _world;
    private readonly AttackOptions _options;
    private readonly List<(string Route, int Weight, Gen<AttackRequest> Gen)> _routes = [];

    public HostileRoutes(HostileWorld world, AttackOptions options)
    {
        _world = world;
        _options = options;
        var readable = world.AllJobs.ToList();
        const string Paging = "limit,after";

        Add("GET /health", 1, Get, Fixed("/health"), HostileQuery.For());
        Add("GET /openapi/v1.json", 1, Get, Fixed("/openapi/v1.json"), HostileQuery.For());
        Add("GET /docs", 1, Get, Fixed("/docs"), HostileQuery.For());
        Add("GET /api/v1/pipelines", 2, Get, Fixed("/api/v1/pipelines"), HostileQuery.For("limit", "after"));
        Add("POST /api/v1/pipelines", 5, Post, Fixed("/api/v1/pipelines"), HostileQuery.For(), HostileBodies.Around(Pipeline));
        Add("GET /api/v1/pipelines/{uuid}", 2, Get, Segment("/api/v1/pipelines/{0}", Gen.Const(world.PipelineUuid)), HostileQuery.For());
        Add("GET /api/v1/jobs", 3, Get, Fixed("/api/v1/jobs"),
            HostileQuery.For("state", "pipeline_uuid", "child_of", "updated_after", "include_deleted", "limit", "after"));
        Add("POST /api/v1/jobs", 8, Post, Fixed("/api/v1/jobs"), HostileQuery.For(), HostileBodies.Around(JobSpec));
        Add("POST /api/v1/jobs/preview", 6, Post, Fixed("/api/v1/jobs/preview"), HostileQuery.For(), HostileBodies.Around(JobSpec));
        Add("GET /api/v1/jobs/{uuid}", 3, Get, Job("/api/v1/jobs/{0}", readable), HostileQuery.For("include_deleted"));
        Add("DELETE /api/v1/jobs/{uuid}", 2, Delete, Job("/api/v1/jobs/{0}", world.Sacrificial), HostileQuery.For());
        Add("GET /api/v1/jobs/{uuid}/events", 2, Get, Job("/api/v1/jobs/{0}/events", readable), HostileQuery.For("include_deleted"));
        Add("POST /api/v1/jobs/{uuid}/events", 14, Post, Job("/api/v1/jobs/{0}/events", world.EventTargets), HostileQuery.For("token"),
            HostileBodies.Around(EventMessage), Idempotency);
        Add("POST /api/v1/webhooks/jobs", 10, Post, Webhook(world.EventTargets), Gen.Const(""), HostileBodies.Around(WebhookBody));
        Add("POST /api/v1/jobs/{uuid}/reset", 2, Post, Job("/api/v1/jobs/{0}/reset", world.EventTargets.Concat(world.Sacrificial).ToList()),
            HostileQuery.For(), HostileBodies.Around(ResetBody));
        Add("POST /api/v1/jobs/{uuid}/ready", 2, Post, Job("/api/v1/jobs/{0}/ready", world.EventTargets.Concat(world.Sacrificial).ToList()),
            HostileQuery.For(), HostileBodies.Around(ReadyBody));
        Add("POST /api/v1/jobs/{uuid}/undelete", 2, Post, Job("/api/v1/jobs/{0}/undelete", world.Sacrificial), HostileQuery.For());
        Add("POST /api/v1/jobs/{uuid}/purge", 1, Post, Job("/api/v1/jobs/{0}/purge", world.Sacrificial), HostileQuery.For());
        Add("POST /api/v1/jobs/{uuid}/token", 2, Post, Job("/api/v1/jobs/{0}/token", world.Sacrificial), HostileQuery.For());
        Add("GET /api/v1/admin/projections", 1, Get, Fixed("/api/v1/admin/projections"), HostileQuery.For());
        Add("POST /api/v1/admin/projections/{name}/rebuild", 1, Post,
            Segment("/api/v1/admin/projections/{0}/rebuild", world.ProjectionNames.Count == 0 ? Gen.Const("files") : Gen.OneOf(world.ProjectionNames.ToArray())),
            HostileQuery.For());
        Add("GET /api/v1/admin/audit", 1, Get, Fixed("/api/v1/admin/audit"), HostileQuery.For("job_uuid", "limit", "after"));
        Add("GET /api/v1/lineage/{uuid}", 3, Get, Node("/api/v1/lineage/{0}", readable), HostileQuery.For("direction", "depth", "limit"));
        Add("GET /api/v1/lineage/{uuid}/jobs", 2, Get, Node("/api/v1/lineage/{0}/jobs", readable), HostileQuery.For(Paging.Split(',')));
        Add("GET /api/v1/jobs/{uuid}/outputs", 2, Get, Job("/api/v1/jobs/{0}/outputs", readable), HostileQuery.For());
        Add("GET /api/v1/files/{uuid}/inputs", 1, Get, Segment("/api/v1/files/{0}/inputs", FileUuid), HostileQuery.For());
        Add("GET /api/v1/files/{uuid}/producer", 1, Get, Segment("/api/v1/files/{0}/producer", FileUuid), HostileQuery.For());
        Add("POST /api/v1/jobs/{uuid}/index", 8, Post, Job("/api/v1/jobs/{0}/index", world.IndexTargets), HostileQuery.For("token"),
            HostileBodies.Around(IndexBody));
        Add("GET /api/v1/jobs/{uuid}/files", 2, Get, Job("/api/v1/jobs/{0}/files", readable), HostileQuery.For("include_deleted", "limit", "after"));
        Add("GET /api/v1/files/{uuid}", 2, Get, Segment("/api/v1/files/{0}", FileUuid), HostileQuery.For("include_deleted"));
    }

    public IReadOnlyCollection<string> Routes => _routes.Select(r => r.Route).ToList();

    public Gen<AttackRequest> All => Gen.Frequency(_routes.Select(r => (r.Weight, (IGen<AttackRequest>)r.Gen)).ToArray());

    private Gen<JsonObject> Pipeline => Gen.Select(HostileText.Any, HostileText.Any, HostileText.Any, Gen.Bool, (id, name, image, withId) =>
    {
        var body = new JsonObject
        {
            ["name"] = name,
            ["description"] = image,
            ["components"] = new JsonArray(new JsonObject { ["name"] = name, ["image"] = image }),
        };
        if (withId)
        {
            body["id"] = id;
        }
        return body;
    });

    private Gen<JsonObject> JobSpec => Gen.Select(LinkageValue, HostileBodies.Data, HostileText.Any, HostileText.Any, HostileBodies.Filter,
        Gen.Int[0, 255], Gen.Bool, (linkage, data, path, text, filter, members, instanced) =>
        {
            var body = new JsonObject { ["pipeline_uuid"] = (members & 1) == 0 ? _world.PipelineUuid : text };
            body[(members & 2) == 0 ? "measurement_id" : "sample_id"] = linkage;
            body["data"] = data;
            if ((members & 4) != 0) body["archive_path"] = path;
            if ((members & 8) != 0) body["archive_system"] = (members & 16) == 0 ? text : path;
            if ((members & 32) != 0) body["archive_patterns"] = new JsonArray(filter);
            if ((members & 64) != 0) body["product_patterns"] = new JsonArray(filter?.DeepClone());
            if ((members & 128) != 0) body["session"] = text;
            body["instanced"] = instanced;
            return body;
        });

    private Gen<JsonNode?> LinkageValue => Gen.Frequency(
        (3, Gen.Int[0, Math.Max(0, _world.EventTargets.Count - 1)].Select(i => (JsonNode?)_world.EventTargets[i].Measurement)),
        (2, HostileText.Any.Select(s => (JsonNode?)s)),
        (1, HostileText.BadUuid.Array[1, 3].Select(a => (JsonNode?)new JsonArray(a.Select(x => (JsonNode?)x).ToArray()))),
        (1, Gen.Const<JsonNode?>(() => new JsonArray("measurement.tacc.0x1", "sample.tacc.0x2"))));

    private static Gen<JsonObject> EventMessage => Gen.Select(HostileBodies.EventName, HostileBodies.Data, HostileText.Any, Gen.Int[0, 3],
        (name, data, eventId, shape) =>
        {
            var body = new JsonObject { [shape == 1 ? "event" : "name"] = name, ["data"] = data };
            if (shape >= 2)
            {
                body["event_id"] = eventId;
            }
            return body;
        });

    private static Gen<JsonObject> WebhookBody => Gen.Frequency(
        (2, EventMessage),
        (2, Gen.Select(HostileText.Any, Gen.OneOf("RUNNING", "FINISHED", "FAILED", "HEARTBEAT", "KILLED", "PENDING", "nonsense", ""),
            (text, status) => new JsonObject
            {
                ["appId"] = text, ["executionSystem"] = "hpc", ["owner"] = "sd2eadm", ["archivePath"] = text,
                ["archiveSystem"] = text, ["status"] = status, ["tenantId"] = "sd2e", ["tenantQueue"] = "q",
                ["history"] = new JsonArray(new JsonObject { ["status"] = status, ["description"] = text }),
            })),
        (1, Gen.Const(() => new JsonObject())));

    private static Gen<JsonObject> ResetBody => Gen.Select(HostileBodies.Data, Gen.Bool, (data, clear) =>
        new JsonObject { ["data"] = data, ["clear_archive"] = clear });

    private static Gen<JsonObject> ReadyBody => HostileBodies.Data.Select(data => new JsonObject { ["data"] = data });

    private static Gen<JsonObject> IndexBody => Gen.Select(HostileBodies.Filter.Array[0, 3], HostileBodies.Level, Gen.Bool,
        (filters, level, fixity) => new JsonObject
        {
            ["filters"] = new JsonArray(filters.Select(f => f?.DeepClone()).ToArray()),
            ["level"] = level,
            ["fixity"] = fixity,
        });

    private static readonly Gen<string> FileUuid = Gen.Guid.Select(g => TypedUuids.Unknown("105", g));

    private static Gen<(string, JobHandle?)> Fixed(string path) => Gen.Const((path, (JobHandle?)null));

    private static Gen<(string, JobHandle?)> Segment(string template, Gen<string> good) => Gen.Frequency(
        (4, good.Select(s => (string.Format(template, s), (JobHandle?)null))),
        (1, good.Select(s => (string.Format(template, s.ToUpperInvariant()), (JobHandle?)null))),
        (3, HostileQuery.BadSegment.Select(s => (string.Format(template, s), (JobHandle?)null))));

    /// <summary>A job route's path: mostly a real job (so the body is read), else its UUID in capitals, a foreign typed
    /// UUID (another prefix), an unknown job, or garbage.</summary>
    private Gen<(string, JobHandle?)> Job(string template, IReadOnlyList<JobHandle> jobs)
    {
        var pick = Gen.Int[0, jobs.Count - 1].Select(i => jobs[i]);
        return Gen.Frequency(
            (12, pick.Select(j => (string.Format(template, j.Uuid), (JobHandle?)j))),
            (1, pick.Select(j => (string.Format(template, j.Uuid.ToUpperInvariant()), (JobHandle?)j))),
            (1, Gen.Guid.Select(Gen.OneOf("100", "104", "105", "106", "108", "109", "999", "107"),
                (g, prefix) => (string.Format(template, TypedUuids.Unknown(prefix, g)), (JobHandle?)null))),
            (1, Gen.Const((string.Format(template, _world.PipelineUuid), (JobHandle?)null))),
            (2, HostileQuery.BadSegment.Select(s => (string.Format(template, s), (JobHandle?)null))));
    }

    /// <summary>Lineage nodes: jobs, their measurements (canonical identifiers), the pipeline, or garbage.</summary>
    private Gen<(string, JobHandle?)> Node(string template, IReadOnlyList<JobHandle> jobs) => Gen.Frequency(
        (4, Job(template, jobs)),
        (2, Gen.Int[0, jobs.Count - 1].Select(i => (string.Format(template, HostileQuery.Encode(jobs[i].Measurement)), (JobHandle?)null))),
        (1, Gen.Const((string.Format(template, _world.PipelineUuid), (JobHandle?)null))));

    /// <summary>The webhook's URL carries the job: uuid, event, status and note as query parameters.</summary>
    private Gen<(string, JobHandle?)> Webhook(IReadOnlyList<JobHandle> jobs) => Gen.Select(
        Job("{0}", jobs), HostileBodies.EventName, Gen.OneOf("RUNNING", "FINISHED", "FAILED", "UPDATED", "bogus", ""), HostileText.Any, Gen.Int[0, 15],
        (job, name, status, note, members) =>
        {
            var query = new List<string> { "uuid=" + job.Item1 };
            if ((members & 1) != 0) query.Add("event=" + HostileQuery.Encode(name));
            if ((members & 2) != 0) query.Add("status=" + HostileQuery.Encode(status));
            if ((members & 4) != 0) query.Add("note=" + HostileQuery.Encode(note.Length > 1000 ? note[..1000] : note));
            if ((members & 8) != 0) query.Add("uuid=" + job.Item1);
            return ("/api/v1/webhooks/jobs?" + string.Join('&', query), job.Item2);
        });

    /// <summary>
    /// Kestrel refuses a request line over 8 KiB itself, before any catalog code runs (and so without a problem body);
    /// such a URL tests the HTTP server, not the catalog, so it is cut short, never in the middle of an escape.
    /// </summary>
    private static string WithinRequestLine(string pathAndQuery)
    {
        const int Max = 6000;
        if (pathAndQuery.Length <= Max)
        {
            return pathAndQuery;
        }
        var cut = pathAndQuery[..Max];
        var percent = cut.LastIndexOf('%');
        return percent >= Max - 2 ? cut[..percent] : cut;
    }

    /// <summary>
    /// Kestrel refuses a request target holding an encoded NUL with an empty 400 and closes the connection without
    /// reading the body, so a client still sending a large body sees a broken pipe: a property of the HTTP server, not
    /// of the catalog. Such requests keep a body small enough to be sent before the refusal arrives.
    /// </summary>
    private const int KestrelRefusedBody = 16 * 1024;

    private static bool KestrelRefusesTarget(string pathAndQuery)
    {
        var path = pathAndQuery.Split('?', 2)[0];
        return path.Contains("%00", StringComparison.Ordinal) || path.Any(char.IsControl);
    }

    private static readonly Gen<string?> Idempotency = Gen.Frequency(
        (6, Gen.Const<string?>((string?)null)),
        (1, HostileText.Any.Select(s => (string?)Ascii(s.Length > 400 ? s[..400] : s))));

    /// <summary>Header values must be printable ASCII for .NET to send them; the rest is replaced.</summary>
    private static string Ascii(string text) => new(text.Select(c => c is >= ' ' and < (char)127 or '\t' ? c : '?').ToArray());

    private void Add(string route, int weight, HttpMethod method, Gen<(string, JobHandle?)> path, Gen<string> query,
        Gen<(byte[]?, string)>? body = null, Gen<string?>? idempotency = null)
    {
        var gen = Gen.Select(path, query, body ?? NoBody, ContentType, Credentials, Gen.Enum<TokenCarrier>(), Gen.Int[0, 1_000_000],
            idempotency ?? Gen.Const<string?>((string?)null),
            (p, q, b, contentType, credential, carrier, pick, key) =>
                Build(route, method, p.Item1, q, b.Item1, b.Item2, contentType, credential, carrier, p.Item2, pick, key));
        _routes.Add((route, weight, gen));
    }

    private AttackRequest Build(string route, HttpMethod method, string path, string query, byte[]? body, string attack, string? contentType,
        HostileCredential credential, TokenCarrier carrier, JobHandle? job, int pick, string? idempotencyKey)
    {
        var pathAndQuery = WithinRequestLine(query.Length == 0 ? path : path + (path.Contains('?') ? "&" + query[1..] : query));
        if (body is { Length: > KestrelRefusedBody } && KestrelRefusesTarget(pathAndQuery))
        {
            body = body[..KestrelRefusedBody];
            attack += ", body cut short";
        }
        var headers = new List<KeyValuePair<string, string>>();
        if (idempotencyKey is not null)
        {
            headers.Add(new("Idempotency-Key", idempotencyKey));
        }
        var events = _world.EventTargets;
        var token = credential switch
        {
            HostileCredential.OwnToken => job?.Token ?? events[pick % events.Count].Token,
            HostileCredential.OtherToken => events[(events.ToList().FindIndex(j => j.Uuid == job?.Uuid) + 1 + pick % (events.Count - 1)) % events.Count].Token,
            HostileCredential.RotatedToken => _world.RotatedOut[pick % _world.RotatedOut.Count],
            _ => null,
        };
        switch (credential)
        {
            case HostileCredential.AdminKey: headers.Add(CatalogHttp.Bearer(_options.AdminKey)); break;
            case HostileCredential.AgentKey: headers.Add(CatalogHttp.Bearer(_options.AgentKey)); break;
            case HostileCredential.GarbageKey: headers.Add(CatalogHttp.Bearer("garbage-" + pick)); break;
        }
        if (token is not null)
        {
            if (carrier == TokenCarrier.Query)
            {
                pathAndQuery += (pathAndQuery.Contains('?') ? "&" : "?") + "token=" + HostileQuery.Encode(token);
            }
            else if (carrier == TokenCarrier.Body && body is { Length: > 2 and < 100_000 } && body[0] == '{')
            {
                body = Encoding.UTF8.GetBytes("{\"token\":" + HostileJson.JsonString(token) + "," + Encoding.UTF8.GetString(body, 1, body.Length - 1));
            }
            else
            {
                headers.Add(CatalogHttp.TokenHeader(token));
            }
        }
        return new AttackRequest(route, $"{attack}, {credential}", method, pathAndQuery, body, body is null ? null : contentType, headers);
    }
}
