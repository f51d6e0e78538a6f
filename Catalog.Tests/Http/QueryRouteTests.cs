using System.Net.Http.Headers;
using System.Net;
using Catalog.Core.EventStore;
using Catalog.Core.Identifiers;
using Catalog.Core.JobCommands;
using Catalog.Core.Jobs;
using Catalog.Core.Pipelines;
using Catalog.Core.Projections.JobDocuments;
using Catalog.Tests.Jobs;
using Newtonsoft.Json.Linq;
using Npgsql;
using Store = Catalog.Core.EventStore.EventStore;

namespace Catalog.Tests.Http;

[Trait("Category", "Database")]
public sealed class QueryRouteTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>, IAsyncLifetime
{
    private const string AdminKey = "test-admin";
    private const string AgentKey = "test-agent";
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly Clock _clock = new(Start);
    private NpgsqlDataSource _dataSource = null!;
    private JobService _jobs = null!;
    private CatalogAppFactory? _keyedHost;

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(host.ConnectionString);
        _jobs = new JobService(new Store(_dataSource), _clock);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_keyedHost is not null)
        {
            await _keyedHost.DisposeAsync();
        }
        await _dataSource.DisposeAsync();
    }

    [Fact]
    public async Task Given_jobs_in_several_states_when_listed_by_state_in_any_case_then_only_that_state()
    {
        var pipeline = NewPipeline();
        var created = await CreateAsync(pipeline);
        var running = await CreateAsync(pipeline);
        var finished = await CreateAsync(pipeline);
        await SendAsync(running, "run");
        await SendAsync(finished, "run");
        await SendAsync(finished, "finish");

        Assert.Equal([running], await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&state=Running"));
        Assert.Equal([finished], await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&state=FINISHED"));
        Assert.Equal([created], await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&state=created"));
        Assert.Empty(await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&state=failed"));
    }

    [Fact]
    public async Task Given_jobs_of_two_pipelines_when_listed_by_pipeline_then_only_its_jobs_without_history()
    {
        var (mine, other) = (NewPipeline(), NewPipeline());
        var first = await CreateAsync(mine);
        _clock.Now = Start.AddSeconds(1);
        var second = await CreateAsync(mine);
        await CreateAsync(other);

        var (status, body) = await GetAsync($"/api/v1/jobs?pipeline_uuid={mine.ToUpperInvariant()}");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = (JArray)body["items"]!;
        Assert.Equal([second, first], items.Select(i => (string)i["uuid"]!));
        Assert.All(items, i => Assert.Null(i["history"]));
        Assert.All(items, i => Assert.Equal(mine, (string?)i["pipeline_uuid"]));
        Assert.Equal(JTokenType.Null, body["next"]!.Type);
    }

    [Fact]
    public async Task Given_a_job_of_a_measurement_when_listed_by_its_canonical_identifier_or_uuid_then_found()
    {
        var identifier = $"measurement.tacc.0x{Guid.NewGuid():N}";
        var measurement = TypedUuid.Create(UuidType.Measurement, identifier);
        var pipeline = NewPipeline();
        var child = await CreateAsync(pipeline, measurement);
        await CreateAsync(pipeline);

        Assert.Equal([child], await UuidsAsync($"/api/v1/jobs?child_of={identifier}"));
        Assert.Equal([child], await UuidsAsync($"/api/v1/jobs?child_of={measurement}"));
        Assert.Equal([child], await UuidsAsync($"/api/v1/jobs?child_of={identifier}&pipeline_uuid={pipeline}&state=CREATED"));
        Assert.Empty(await UuidsAsync($"/api/v1/jobs?child_of={identifier}&state=RUNNING"));
    }

    [Fact]
    public async Task Given_jobs_updated_at_different_times_when_listed_updated_after_then_only_later_ones()
    {
        var pipeline = NewPipeline();
        var early = await CreateAsync(pipeline);
        _clock.Now = Start.AddHours(1);
        var late = await CreateAsync(pipeline);
        _clock.Now = Start.AddHours(2);
        await SendAsync(early, "run");

        Assert.Equal([early, late], await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&updated_after=2026-03-01T12:30:00Z"));
        Assert.Equal([early], await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&updated_after=2026-03-01T13:00:00.000Z"));
        Assert.Equal([early], await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&updated_after=2026-03-01T14:59:59%2B01:00"));
        Assert.Empty(await UuidsAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&updated_after=2026-03-01T14:00:00Z"));
    }

    [Fact]
    public async Task Given_25_jobs_some_updated_at_the_same_time_when_paged_by_10_then_10_10_5_in_order_without_duplicates()
    {
        var pipeline = NewPipeline();
        var expected = new List<(DateTimeOffset Updated, string Uuid)>();
        for (var i = 0; i < 25; i++)
        {
            // Three jobs share each time, so the UUID tie-break is crossed by the page boundaries.
            _clock.Now = Start.AddMilliseconds(i / 3);
            expected.Add((_clock.Now, await CreateAsync(pipeline)));
        }

        var pages = new List<JArray>();
        string? next = null;
        do
        {
            var (status, body) = await GetAsync($"/api/v1/jobs?pipeline_uuid={pipeline}&limit=10" + (next is null ? "" : $"&after={next}"));
            Assert.Equal(HttpStatusCode.OK, status);
            pages.Add((JArray)body["items"]!);
            next = (string?)body["next"];
        }
        while (next is not null && pages.Count < 5);

        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        var seen = pages.SelectMany(p => p).Select(i => (string)i["uuid"]!).ToList();
        Assert.Equal(expected.OrderByDescending(e => e.Updated).ThenByDescending(e => e.Uuid, StringComparer.Ordinal).Select(e => e.Uuid), seen);
    }

    [Fact]
    public async Task Given_a_hidden_job_when_listed_then_excluded_unless_an_admin_asks_for_deleted_ones()
    {
        var pipeline = NewPipeline();
        var visible = await CreateAsync(pipeline);
        var hidden = await CreateAsync(pipeline);
        await AdminAsync(hidden, new JobCommand.Hide("admin"));
        var list = $"/api/v1/jobs?pipeline_uuid={pipeline}";

        Assert.Equal([visible], await UuidsAsync(list));
        Assert.Equal([visible], await UuidsAsync(list + "&include_deleted=false"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(list + "&include_deleted=true")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(list + "&include_deleted=true", "wrong-key")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(list + "&include_deleted=true", AgentKey)).Status);
        var (status, body) = await GetAsync(list + "&include_deleted=TRUE", AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(new[] { visible, hidden }.Order(StringComparer.Ordinal), body["items"]!.Select(i => (string)i["uuid"]!).Order(StringComparer.Ordinal));
        Assert.True((bool)body["items"]!.Single(i => (string?)i["uuid"] == hidden)["deleted"]!);
    }

    [Theory]
    [InlineData("state=bogus", "RUNNING")]
    [InlineData("pipeline_uuid=nope", "pipeline_uuid")]
    [InlineData("pipeline_uuid=107a90b7-f083-5167-a63d-41a3bf278bf8", "pipeline_uuid")]
    [InlineData("child_of=86753095", "child_of")]
    [InlineData("child_of=102zzzzz", "child_of")]
    [InlineData("updated_after=yesterday", "updated_after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=x", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=cGlwZWxpbmVzfDF8MTA2", "after")]
    [InlineData("include_deleted=maybe", "include_deleted")]
    public async Task Given_a_bad_list_parameter_when_listed_then_422_problem_naming_it(string query, string mentions)
    {
        var response = await host.Client.GetAsync($"/api/v1/jobs?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(mentions, (string?)PythonJson.Parse(await response.Content.ReadAsStringAsync())["detail"]);
    }

    [Fact]
    public async Task Given_a_job_when_got_then_the_document_with_history_and_float_kinds_kept()
    {
        var pipeline = NewPipeline();
        var uuid = await CreateAsync(pipeline);
        await SendAsync(uuid, "run");

        var response = await host.Client.GetAsync($"/api/v1/jobs/{uuid.ToUpperInvariant()}");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"n\":100.0", text);
        var body = PythonJson.Parse(text);
        Assert.Equal(uuid, (string?)body["uuid"]);
        Assert.Equal("RUNNING", (string?)body["state"]);
        Assert.Equal(["create", "run"], body["history"]!.Select(h => (string)h["name"]!));
        Assert.False((bool)body["deleted"]!);
    }

    [Fact]
    public async Task Given_unknown_malformed_or_hidden_jobs_when_got_then_404_422_and_admins_see_hidden_ones()
    {
        var hidden = await CreateAsync(NewPipeline());
        await AdminAsync(hidden, new JobCommand.Hide("admin"));

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/jobs/{Spec(NewPipeline()).Uuid}")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/jobs/not-a-uuid")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/jobs/106c46ff-8186-5756-a934-071f4497b58d")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/jobs/{hidden}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/jobs/{hidden}", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync($"/api/v1/jobs/{hidden}?include_deleted=true")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"/api/v1/jobs/{hidden}?include_deleted=true", AgentKey)).Status);
        var (status, body) = await GetAsync($"/api/v1/jobs/{hidden}?include_deleted=true", AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True((bool)body["deleted"]!);
        Assert.Single((JArray)body["history"]!);
    }

    [Fact]
    public async Task Given_a_job_when_its_events_are_got_then_the_stream_in_version_order_with_date_taken_from_the_data()
    {
        var uuid = await CreateAsync(NewPipeline());
        _clock.Now = Start.AddSeconds(1.5);
        await SendAsync(uuid, "run", new JObject { ["x"] = 1.0 });

        var response = await host.Client.GetAsync($"/api/v1/jobs/{uuid}/events");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"x\":1.0", text);
        var events = (JArray)PythonJson.Parse(text);
        Assert.Equal([1L, 2L], events.Select(e => (long)e["version"]!));
        Assert.True((long)events[0]["position"]! < (long)events[1]["position"]!);
        Assert.Equal([JobDocument.EventUuid(uuid, 1), JobDocument.EventUuid(uuid, 2)], events.Select(e => (string)e["uuid"]!));
        Assert.Equal(["create", "run"], events.Select(e => (string)e["name"]!));
        Assert.Equal([JobEventTypes.Created, "job.started.v1"], events.Select(e => (string)e["type"]!));
        Assert.Equal(["2026-03-01T12:00:00.000Z", "2026-03-01T12:00:01.500Z"], events.Select(e => (string)e["date"]!));
        Assert.All(events, e => Assert.Null(e["data"]!["at"]));
        Assert.Equal(uuid, (string?)events[0]["data"]!["spec"]!["uuid"]);
        Assert.Equal("run", (string?)events[1]["data"]!["name"]);
    }

    [Fact]
    public async Task Given_unknown_malformed_or_hidden_jobs_when_events_are_got_then_404_422_and_admins_see_hidden_ones()
    {
        var hidden = await CreateAsync(NewPipeline());
        await AdminAsync(hidden, new JobCommand.Hide("admin"));

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/jobs/{Spec(NewPipeline()).Uuid}/events")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/jobs/1234/events")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/jobs/{hidden}/events")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"/api/v1/jobs/{hidden}/events?include_deleted=true", AgentKey)).Status);
        var (status, body) = await GetAsync($"/api/v1/jobs/{hidden}/events?include_deleted=true", AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["create", "delete"], body.Select(e => (string)e["name"]!));

        await AdminAsync(hidden, new JobCommand.Restore("admin"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/api/v1/jobs/{hidden}/events")).Status);
    }

    [Fact]
    public async Task Given_pipelines_when_paged_and_got_then_registration_order_200_404_and_422()
    {
        var store = new PipelineStore(_dataSource);
        var registered = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var uuid = NewPipeline();
            await store.RegisterAsync(new JObject { ["uuid"] = uuid, ["name"] = $"p{i}", ["components"] = new JArray(), ["weight"] = 2.0 }, None);
            registered.Add(uuid);
        }

        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var (status, body) = await GetAsync("/api/v1/pipelines?limit=2" + (next is null ? "" : $"&after={next}"));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.InRange(body["items"]!.Count(), 1, 2);
            seen.AddRange(body["items"]!.Select(p => (string)p["uuid"]!));
            next = (string?)body["next"];
        }
        while (next is not null && ++pages < 50);

        Assert.Equal(registered, seen.Where(registered.Contains));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        var one = await host.Client.GetAsync($"/api/v1/pipelines/{registered[2].ToUpperInvariant()}");
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Contains("\"weight\":2.0", await one.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/pipelines/{NewPipeline()}")).Status);
        // Not a UUID: looked up as a pipeline id, which nobody registered.
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/api/v1/pipelines/not-a-uuid")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/pipelines/1077a959-7163-516a-8fc1-dd11bd958190")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/pipelines?limit=1001")).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/pipelines?after=abc")).Status);
    }

    [Fact]
    public async Task Given_purged_jobs_when_the_audit_log_is_read_then_admins_only_newest_first_by_job_and_paged()
    {
        var first = await CreateAsync(NewPipeline());
        var second = await CreateAsync(NewPipeline());
        await _jobs.PurgeAsync(first, "admin-1", None);
        await _jobs.PurgeAsync(second, "admin-2", None);

        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/v1/admin/audit")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/v1/admin/audit", "wrong-key")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/v1/admin/audit", AgentKey)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/admin/audit?job_uuid=nope", AdminKey)).Status);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await GetAsync("/api/v1/admin/audit?limit=0", AdminKey)).Status);

        var (status, mine) = await GetAsync($"/api/v1/admin/audit?job_uuid={first}", AdminKey);
        Assert.Equal(HttpStatusCode.OK, status);
        var record = Assert.Single((JArray)mine["items"]!);
        Assert.Equal(first, (string?)record["job_uuid"]);
        Assert.Equal("admin-1", (string?)record["actor"]);
        Assert.Equal("purge", (string?)record["action"]);
        Assert.Equal(1L, (long)record["detail"]!["events"]!);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)record["at"]);

        var (_, top) = await GetAsync("/api/v1/admin/audit?limit=1", AdminKey);
        Assert.Equal(second, (string?)top["items"]![0]!["job_uuid"]);
        var (_, rest) = await GetAsync($"/api/v1/admin/audit?limit=1&after={(string?)top["next"]}", AdminKey);
        Assert.Equal(first, (string?)rest["items"]![0]!["job_uuid"]);
        Assert.True((long)rest["items"]![0]!["id"]! < (long)top["items"]![0]!["id"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/api/v1/jobs/{first}", AdminKey)).Status);
    }

    private static string NewPipeline() => TypedUuid.Create(UuidType.Pipeline, Guid.NewGuid().ToString());

    private static JobSpec Spec(string pipeline, params string[] childOf)
    {
        var data = new JObject { ["run"] = Guid.NewGuid().ToString("N"), ["n"] = 100.0 };
        string[] parents = childOf.Length == 0 ? ["102e95e6-67a8-5a06-9484-3131c6907890"] : childOf;
        return JobSpecs.Unique() with
        {
            Uuid = JobIdentity.JobUuid(pipeline, parents, data),
            PipelineUuid = pipeline,
            Data = data,
            ChildOf = parents,
            ArchivePath = JobIdentity.ArchivePath(pipeline, parents, data),
            GeneratedBy = [pipeline],
        };
    }

    private async Task<string> CreateAsync(string pipeline, params string[] childOf)
    {
        var spec = Spec(pipeline, childOf);
        Assert.True((await _jobs.CreateAsync(spec, None)).Created);
        return spec.Uuid;
    }

    private Task SendAsync(string uuid, string name, JObject? data = null) => AdminAsync(uuid, new JobCommand.Send(name, data));

    private async Task AdminAsync(string uuid, JobCommand command) =>
        Assert.Equal(JobOutcomeKind.Appended, (await _jobs.HandleAsync(uuid, command, true, null, null, None)).Kind);

    private async Task<List<string>> UuidsAsync(string url)
    {
        var (status, body) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        return body["items"]!.Select(i => (string)i["uuid"]!).ToList();
    }

    // Keyed requests go to a second host on the same database that knows the admin and agent keys.
    private async Task<(HttpStatusCode Status, JToken Body)> GetAsync(string url, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        HttpClient client;
        if (key is null)
        {
            client = host.Client;
        }
        else
        {
            _keyedHost ??= new CatalogAppFactory(new Dictionary<string, string?>
            {
                ["CATALOG_DB"] = host.ConnectionString,
                ["CATALOG_ADMIN_KEYS"] = AdminKey,
                ["CATALOG_AGENT_KEYS"] = AgentKey,
            });
            client = _keyedHost.CreateClient();
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // The catalog's own parser: times stay strings and numbers keep their kind.
        return (response.StatusCode, text.Length == 0 ? new JObject() : PythonJson.Parse(text));
    }

    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
