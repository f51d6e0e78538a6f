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

    private readonly HostileDocuments _documents;
    private readonly HostilePaths _paths;
    private readonly HostileRequests _requests;
    private readonly List<(string Route, int Weight, Gen<AttackRequest> Gen)> _routes = [];

    public HostileRoutes(HostileWorld world, AttackOptions options)
    {
        _documents = new HostileDocuments(world);
        _paths = new HostilePaths(world);
        _requests = new HostileRequests(world, options);
        var readable = world.AllJobs.ToList();
        const string Paging = "limit,after";

        Add("GET /", 1, Get, HostilePaths.Fixed("/"), HostileQuery.For());
        Add("GET /health", 1, Get, HostilePaths.Fixed("/health"), HostileQuery.For());
        Add("GET /metrics", 1, Get, HostilePaths.Fixed("/metrics"), HostileQuery.For());
        Add("GET /openapi/v1.json", 1, Get, HostilePaths.Fixed("/openapi/v1.json"), HostileQuery.For());
        Add("GET /docs", 1, Get, HostilePaths.Fixed("/docs"), HostileQuery.For());
        Add("GET /api/v1/pipelines", 2, Get, HostilePaths.Fixed("/api/v1/pipelines"), HostileQuery.For("limit", "after"));
        Add("POST /api/v1/pipelines", 5, Post, HostilePaths.Fixed("/api/v1/pipelines"), HostileQuery.For(), HostileBodies.Around(HostileDocuments.Pipeline));
        Add("GET /api/v1/pipelines/{uuid}", 2, Get, HostilePaths.Segment("/api/v1/pipelines/{0}", Gen.Const(world.PipelineUuid)), HostileQuery.For());
        Add("GET /api/v1/jobs", 3, Get, HostilePaths.Fixed("/api/v1/jobs"),
            HostileQuery.For("state", "pipeline_uuid", "child_of", "updated_after", "include_deleted", "limit", "after"));
        Add("POST /api/v1/jobs", 8, Post, HostilePaths.Fixed("/api/v1/jobs"), HostileQuery.For(), HostileBodies.Around(_documents.JobSpec));
        Add("POST /api/v1/jobs/preview", 6, Post, HostilePaths.Fixed("/api/v1/jobs/preview"), HostileQuery.For(), HostileBodies.Around(_documents.JobSpec));
        Add("GET /api/v1/jobs/{uuid}", 3, Get, _paths.Job("/api/v1/jobs/{0}", readable), HostileQuery.For("include_deleted", "as_of"));
        Add("DELETE /api/v1/jobs/{uuid}", 2, Delete, _paths.Job("/api/v1/jobs/{0}", world.Sacrificial), HostileQuery.For());
        Add("GET /api/v1/jobs/{uuid}/events", 2, Get, _paths.Job("/api/v1/jobs/{0}/events", readable), HostileQuery.For("include_deleted"));
        Add("POST /api/v1/jobs/{uuid}/events", 14, Post, _paths.Job("/api/v1/jobs/{0}/events", world.EventTargets), HostileQuery.For("token"),
            HostileBodies.Around(HostileDocuments.EventMessage), HostileRequests.Idempotency);
        Add("POST /api/v1/webhooks/jobs", 10, Post, _paths.Webhook(world.EventTargets), Gen.Const(""), HostileBodies.Around(HostileDocuments.WebhookBody));
        Add("POST /api/v1/jobs/{uuid}/reset", 2, Post, _paths.Job("/api/v1/jobs/{0}/reset", world.EventTargets.Concat(world.Sacrificial).ToList()),
            HostileQuery.For(), HostileBodies.Around(HostileDocuments.ResetBody));
        Add("POST /api/v1/jobs/{uuid}/ready", 2, Post, _paths.Job("/api/v1/jobs/{0}/ready", world.EventTargets.Concat(world.Sacrificial).ToList()),
            HostileQuery.For(), HostileBodies.Around(HostileDocuments.ReadyBody));
        Add("POST /api/v1/jobs/{uuid}/rerun", 2, Post, _paths.Job("/api/v1/jobs/{0}/rerun", world.EventTargets.Concat(world.Sacrificial).ToList()),
            HostileQuery.For(), HostileBodies.Around(HostileDocuments.RerunBody));
        Add("POST /api/v1/jobs/{uuid}/undelete", 2, Post, _paths.Job("/api/v1/jobs/{0}/undelete", world.Sacrificial), HostileQuery.For());
        Add("POST /api/v1/jobs/{uuid}/purge", 1, Post, _paths.Job("/api/v1/jobs/{0}/purge", world.Sacrificial), HostileQuery.For());
        Add("POST /api/v1/jobs/{uuid}/token", 2, Post, _paths.Job("/api/v1/jobs/{0}/token", world.Sacrificial), HostileQuery.For());
        Add("GET /api/v1/admin/projections", 1, Get, HostilePaths.Fixed("/api/v1/admin/projections"), HostileQuery.For());
        Add("POST /api/v1/admin/projections/{name}/rebuild", 1, Post,
            HostilePaths.Segment("/api/v1/admin/projections/{0}/rebuild", world.ProjectionNames.Count == 0 ? Gen.Const("files") : Gen.OneOf(world.ProjectionNames.ToArray())),
            HostileQuery.For());
        Add("POST /api/v1/admin/rerun", 1, Post, HostilePaths.Fixed("/api/v1/admin/rerun"), HostileQuery.For(),
            HostileBodies.Around(HostileDocuments.BulkRerunBody));
        Add("GET /api/v1/admin/operations/{id}", 1, Get,
            HostilePaths.Segment("/api/v1/admin/operations/{0}", Gen.Guid.Select(g => g.ToString("D"))), HostileQuery.For());
        Add("GET /api/v1/admin/audit", 1, Get, HostilePaths.Fixed("/api/v1/admin/audit"), HostileQuery.For("job_uuid", "limit", "after"));
        Add("GET /api/v1/lineage/{uuid}", 3, Get, _paths.Node("/api/v1/lineage/{0}", readable), HostileQuery.For("direction", "depth", "limit", "format", "as_of"));
        Add("GET /api/v1/lineage/{uuid}/jobs", 2, Get, _paths.Node("/api/v1/lineage/{0}/jobs", readable), HostileQuery.For(["as_of", .. Paging.Split(',')]));
        Add("GET /api/v1/jobs/{uuid}/outputs", 2, Get, _paths.Job("/api/v1/jobs/{0}/outputs", readable), HostileQuery.For());
        Add("GET /api/v1/files/{uuid}/inputs", 1, Get, HostilePaths.Segment("/api/v1/files/{0}/inputs", HostilePaths.FileUuid), HostileQuery.For());
        Add("GET /api/v1/files/{uuid}/producer", 1, Get, HostilePaths.Segment("/api/v1/files/{0}/producer", HostilePaths.FileUuid), HostileQuery.For());
        Add("POST /api/v1/jobs/{uuid}/index", 8, Post, _paths.Job("/api/v1/jobs/{0}/index", world.IndexTargets), HostileQuery.For("token"),
            HostileBodies.Around(HostileDocuments.IndexBody));
        Add("GET /api/v1/jobs/{uuid}/files", 2, Get, _paths.Job("/api/v1/jobs/{0}/files", readable), HostileQuery.For("include_deleted", "limit", "after"));
        Add("POST /api/v1/lineage", 3, Post, HostilePaths.Fixed("/api/v1/lineage"), HostileQuery.For(), HostileBodies.Around(HostileDocuments.OpenLineageEvent));
        Add("POST /api/v1/lineage/batch", 2, Post, HostilePaths.Fixed("/api/v1/lineage/batch"), HostileQuery.For(),
            HostileBodies.InBatch(HostileBodies.Around(HostileDocuments.OpenLineageEvent)));
        Add("GET /api/v1/lineage/events", 1, Get, HostilePaths.Fixed("/api/v1/lineage/events"),
            HostileQuery.For("run_id", "job_uuid", "namespace", "name", "limit", "after"));
        Add("GET /api/v1/groups", 1, Get, HostilePaths.Fixed("/api/v1/groups"), HostileQuery.For("limit", "after"));
        Add("POST /api/v1/groups", 3, Post, HostilePaths.Fixed("/api/v1/groups"), HostileQuery.For(), HostileBodies.Around(HostileDocuments.GroupBody));
        Add("GET /api/v1/groups/{uuid}", 2, Get, HostilePaths.Segment("/api/v1/groups/{0}", HostilePaths.GroupUuid), HostileQuery.For("include_deleted"));
        Add("POST /api/v1/groups/{uuid}/members", 3, Post, HostilePaths.Segment("/api/v1/groups/{0}/members", HostilePaths.GroupUuid),
            HostileQuery.For(), HostileBodies.Around(_documents.GroupMembers));
        Add("GET /api/v1/search", 3, Get, HostilePaths.Fixed("/api/v1/search"), HostileQuery.For("q", "type", "include_deleted", "limit", "after"));
        Add("GET /api/v1/files/{uuid}", 2, Get, HostilePaths.Segment("/api/v1/files/{0}", HostilePaths.FileUuid), HostileQuery.For("include_deleted"));
    }

    public IReadOnlyCollection<string> Routes => _routes.Select(r => r.Route).ToList();

    public Gen<AttackRequest> All => Gen.Frequency(_routes.Select(r => (r.Weight, (IGen<AttackRequest>)r.Gen)).ToArray());

    private void Add(string route, int weight, HttpMethod method, Gen<(string, JobHandle?)> path, Gen<string> query,
        Gen<(byte[]?, string)>? body = null, Gen<string?>? idempotency = null)
    {
        var gen = Gen.Select(path, query, body ?? NoBody, ContentType, Credentials, Gen.Enum<TokenCarrier>(), Gen.Int[0, 1_000_000],
            idempotency ?? Gen.Const<string?>((string?)null),
            (p, q, b, contentType, credential, carrier, pick, key) =>
                _requests.Build(route, method, p.Item1, q, b.Item1, b.Item2, contentType, credential, carrier, p.Item2, pick, key));
        _routes.Add((route, weight, gen));
    }
}
