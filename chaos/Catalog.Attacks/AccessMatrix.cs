namespace Catalog.Attacks;

/// <summary>
/// The expected access table, written from http-api.md and openapi.json: every route of the contract with each
/// credential. Rows that need a particular job state prepare it through well-formed admin calls first.
/// </summary>
internal static class AccessMatrix
{
    private static readonly HttpMethod Get = HttpMethod.Get, Post = HttpMethod.Post, Delete = HttpMethod.Delete;

    public static IReadOnlyList<AccessRow> Rows { get; } =
    [
        Open("GET /", _ => (Get, "/", null), 200),
        Open("GET /health", _ => (Get, "/health", null), 200),
        Open("GET /metrics", _ => (Get, "/metrics", null), 200),
        Open("GET /openapi/v1.json", _ => (Get, "/openapi/v1.json", null), 200),
        Open("GET /docs", _ => (Get, "/docs", null), 200),
        Open("GET /api/v1/pipelines", _ => (Get, "/api/v1/pipelines", null), 200),
        Open("GET /api/v1/pipelines/{uuid}", t => (Get, $"/api/v1/pipelines/{t.PipelineUuid}", null), 200),
        Open("GET /api/v1/jobs", _ => (Get, "/api/v1/jobs", null), 200),
        new("GET /api/v1/jobs", "include_deleted", AccessRow.Nothing, _ => (Get, "/api/v1/jobs?include_deleted=true", null),
            AccessExpectation.AdminOnly(200)),
        Open("POST /api/v1/jobs/preview", t => (Post, "/api/v1/jobs/preview", t.FreshJobSpec()), 200),
        Open("GET /api/v1/jobs/{uuid}", t => (Get, $"/api/v1/jobs/{t.Job.Uuid}", null), 200),
        new("GET /api/v1/jobs/{uuid}", "hidden job", Hide, t => (Get, $"/api/v1/jobs/{t.Job.Uuid}", null), AccessExpectation.Open(404)),
        new("GET /api/v1/jobs/{uuid}", "hidden job, include_deleted", Hide,
            t => (Get, $"/api/v1/jobs/{t.Job.Uuid}?include_deleted=true", null), AccessExpectation.AdminOnly(200)),
        new("GET /api/v1/jobs/{uuid}", "by the measurement it was created for", AccessRow.Nothing,
            t => (Get, $"/api/v1/jobs/{t.Job.Measurement}", null), AccessExpectation.Open(200)),
        Open("GET /api/v1/jobs/{uuid}/events", t => (Get, $"/api/v1/jobs/{t.Job.Uuid}/events", null), 200),
        new("GET /api/v1/jobs/{uuid}/events", "hidden job, include_deleted", Hide,
            t => (Get, $"/api/v1/jobs/{t.Job.Uuid}/events?include_deleted=true", null), AccessExpectation.AdminOnly(200)),
        Open("GET /api/v1/jobs/{uuid}/files", t => (Get, $"/api/v1/jobs/{t.Job.Uuid}/files", null), 200),
        new("GET /api/v1/jobs/{uuid}/files", "hidden job, include_deleted", Hide,
            t => (Get, $"/api/v1/jobs/{t.Job.Uuid}/files?include_deleted=true", null), AccessExpectation.AdminOnly(200)),
        Open("GET /api/v1/files/{uuid}", t => (Get, $"/api/v1/files/{t.UnknownFileUuid}", null), 404),
        new("GET /api/v1/files/{uuid}", "include_deleted", AccessRow.Nothing,
            t => (Get, $"/api/v1/files/{t.UnknownFileUuid}?include_deleted=true", null), AccessExpectation.AdminOnly(404)),
        Open("GET /api/v1/lineage/{uuid}", t => (Get, $"/api/v1/lineage/{t.Job.Uuid}", null), 200),
        Open("GET /api/v1/lineage/{uuid}/jobs", t => (Get, $"/api/v1/lineage/{t.Job.Measurement}/jobs", null), 200),
        Open("GET /api/v1/jobs/{uuid}/outputs", t => (Get, $"/api/v1/jobs/{t.Job.Uuid}/outputs", null), 200),
        Open("GET /api/v1/files/{uuid}/inputs", t => (Get, $"/api/v1/files/{t.UnknownFileUuid}/inputs", null), 404),
        Open("GET /api/v1/files/{uuid}/producer", t => (Get, $"/api/v1/files/{t.UnknownFileUuid}/producer", null), 404),
        new("GET /api/v1/files/{uuid}/producer", "unknown file id", AccessRow.Nothing,
            _ => (Get, "/api/v1/files/file.tacc.unknownFileId/producer", null), AccessExpectation.Open(404)),
        Open("GET /api/v1/groups", _ => (Get, "/api/v1/groups", null), 200),
        Open("GET /api/v1/lineage/events", _ => (Get, "/api/v1/lineage/events", null), 200),
        new("POST /api/v1/lineage", "", AccessRow.Nothing, _ => (Post, "/api/v1/lineage", OpenLineageFailure()), AccessExpectation.AgentOrAdmin(201)),
        new("POST /api/v1/lineage/batch", "", AccessRow.Nothing, _ => (Post, "/api/v1/lineage/batch", $"[{OpenLineageFailure()}]"),
            AccessExpectation.AgentOrAdmin(200)),
        Open("GET /api/v1/search", t => (Get, $"/api/v1/search?q={Uri.EscapeDataString(t.Job.Measurement)}", null), 200),
        new("GET /api/v1/search", "include_deleted", AccessRow.Nothing,
            t => (Get, $"/api/v1/search?q={Uri.EscapeDataString(t.Job.Measurement)}&include_deleted=true", null), AccessExpectation.AdminOnly(200)),
        Open("GET /api/v1/groups/{uuid}", _ => (Get, $"/api/v1/groups/{TypedUuids.Unknown("112")}", null), 404),

        new("POST /api/v1/pipelines", "", AccessRow.Nothing,
            t => (Post, "/api/v1/pipelines", $$"""{"id":"attacks/{{Guid.NewGuid():N}}","name":"access","components":[]}"""),
            AccessExpectation.AgentOrAdmin(201)),
        new("POST /api/v1/jobs", "", AccessRow.Nothing, t => (Post, "/api/v1/jobs", t.FreshJobSpec()), AccessExpectation.AgentOrAdmin(201)),
        new("POST /api/v1/groups", "", AccessRow.Nothing,
            _ => (Post, "/api/v1/groups", $$"""{"name":"access-{{Guid.NewGuid():N}}","kind":"parallel"}"""), AccessExpectation.AgentOrAdmin(201)),
        new("POST /api/v1/groups/{uuid}/members", "unknown group", AccessRow.Nothing,
            t => (Post, $"/api/v1/groups/{TypedUuids.Unknown("112")}/members", $$"""{"jobs":["{{t.Job.Uuid}}"]}"""), AccessExpectation.AgentOrAdmin(404)),

        .. TokenRows("POST /api/v1/jobs/{uuid}/events", "run", AccessRow.Nothing,
            t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/events", """{"name":"run"}"""), AccessExpectation.JobToken(200)),
        new("POST /api/v1/jobs/{uuid}/events", "reset as an event", AccessRow.Nothing,
            t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/events", """{"name":"reset"}"""), AccessExpectation.AdminEvent(200)),
        new("POST /api/v1/jobs/{uuid}/events", "ready as an event", Reset,
            t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/events", """{"name":"ready"}"""), AccessExpectation.AdminEvent(200)),
        .. TokenRows("POST /api/v1/webhooks/jobs", "event=run", AccessRow.Nothing,
            t => (Post, $"/api/v1/webhooks/jobs?uuid={t.Job.Uuid}&event=run", null), AccessExpectation.JobToken(200)),
        .. TokenRows("POST /api/v1/jobs/{uuid}/index", "finished job", Finish,
            t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/index", "{}"), AccessExpectation.JobToken(200, 422)),

        Admin("DELETE /api/v1/jobs/{uuid}", AccessRow.Nothing, t => (Delete, $"/api/v1/jobs/{t.Job.Uuid}", null), 204),
        Admin("POST /api/v1/jobs/{uuid}/reset", AccessRow.Nothing, t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/reset", "{}"), 200),
        Admin("POST /api/v1/jobs/{uuid}/ready", Reset, t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/ready", "{}"), 200),
        Admin("POST /api/v1/jobs/{uuid}/rerun", AccessRow.Nothing, t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/rerun", """{"reason":"access"}"""), 200),
        Admin("POST /api/v1/jobs/{uuid}/undelete", Hide, t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/undelete", null), 200),
        Admin("POST /api/v1/jobs/{uuid}/purge", AccessRow.Nothing, t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/purge", null), 204),
        Admin("POST /api/v1/jobs/{uuid}/token", AccessRow.Nothing, t => (Post, $"/api/v1/jobs/{t.Job.Uuid}/token", null), 200),
        Admin("GET /api/v1/admin/projections", AccessRow.Nothing, _ => (Get, "/api/v1/admin/projections", null), 200),
        Admin("POST /api/v1/admin/projections/{name}/rebuild", AccessRow.Nothing,
            t => (Post, $"/api/v1/admin/projections/{t.ProjectionName}/rebuild", null), 202),
        Admin("GET /api/v1/admin/audit", AccessRow.Nothing, _ => (Get, "/api/v1/admin/audit", null), 200),
        Admin("POST /api/v1/admin/rerun", AccessRow.Nothing,
            t => (Post, "/api/v1/admin/rerun", $$"""{"state":"FAILED","pipeline_uuid":"{{t.PipelineUuid}}","updated_after":"2999-01-01T00:00:00Z"}"""), 202),
        Admin("GET /api/v1/admin/operations/{id}", AccessRow.Nothing, _ => (Get, $"/api/v1/admin/operations/{Guid.NewGuid()}", null), 404),
    ];

    // A failed run of its own each time (a fresh run id), so every credential's try records something new.
    private static string OpenLineageFailure() => $$$"""
        {"eventType":"FAIL","eventTime":"2026-12-03T10:00:00Z","producer":"https://attacks.example","schemaURL":"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
         "run":{"runId":"{{{Guid.NewGuid()}}}"},"job":{"namespace":"attacks","name":"access"}}
        """;

    private static AccessRow Open(string route, Func<AccessTarget, (HttpMethod, string, string?)> request, int status) =>
        new(route, "", AccessRow.Nothing, request, AccessExpectation.Open(status));

    private static AccessRow Admin(string route, Func<AccessTarget, SetupCalls, CancellationToken, Task> prepare,
        Func<AccessTarget, (HttpMethod, string, string?)> request, int ok) =>
        new(route, "", prepare, request, AccessExpectation.AdminOnly(ok));

    /// <summary>The same row once per token carrier: header, query and body must all be honoured (or refused) alike.</summary>
    private static IEnumerable<AccessRow> TokenRows(string route, string variant,
        Func<AccessTarget, SetupCalls, CancellationToken, Task> prepare,
        Func<AccessTarget, (HttpMethod, string, string?)> request, AccessExpectation expected) =>
        Enum.GetValues<TokenCarrier>().Select(carrier =>
            new AccessRow(route, $"{variant}, token in {carrier.ToString().ToLowerInvariant()}", prepare, request, expected, carrier));

    private static Task Hide(AccessTarget t, SetupCalls calls, CancellationToken cancellationToken) =>
        calls.AdminAsync("DELETE /api/v1/jobs/{uuid}", Delete, $"/api/v1/jobs/{t.Job.Uuid}", null, 204, cancellationToken);

    private static Task Reset(AccessTarget t, SetupCalls calls, CancellationToken cancellationToken) =>
        calls.AdminAsync("POST /api/v1/jobs/{uuid}/reset", Post, $"/api/v1/jobs/{t.Job.Uuid}/reset", "{}", 200, cancellationToken);

    private static async Task Finish(AccessTarget t, SetupCalls calls, CancellationToken cancellationToken)
    {
        await calls.EventAsync(t.Job, "run", cancellationToken);
        await calls.EventAsync(t.Job, "finish", cancellationToken);
    }
}
