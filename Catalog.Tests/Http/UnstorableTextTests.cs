using System.Buffers.Text;
using System.Net;
using System.Text;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// Text PostgreSQL cannot hold (U+0000, a lone surrogate) in any string of any route, and paging cursors nobody handed
/// out, answer 422 naming the field through the real host: never a 5xx, and nothing recorded.
/// </summary>
[Trait("Category", "Database")]
public sealed class UnstorableTextTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    public static TheoryData<string> Poisons => ["\\u0000", "a\\u0000b", "\\ud800", "x\\udc00y", "\\udfff\\ud800"];

    /// <summary>A job creation body with the poison in one field, by the name the answer must give.</summary>
    public static TheoryData<string, string> CreationFields => new()
    {
        { "measurement_id", """ "measurement_id":"measurement.tacc.0x1{P}" """ },
        { "data.sample", """ "measurement_id":"measurement.tacc.0x1","data":{"sample":"{P}"} """ },
        { "data.list[1]", """ "measurement_id":"measurement.tacc.0x1","data":{"list":["ok","{P}"]} """ },
        { "archive_path", """ "measurement_id":"measurement.tacc.0x1","archive_path":"/products/v2/{P}" """ },
        { "archive_system", """ "measurement_id":"measurement.tacc.0x1","archive_system":"{P}" """ },
        { "archive_patterns[0]", """ "measurement_id":"measurement.tacc.0x1","archive_patterns":["{P}"] """ },
        { "session", """ "measurement_id":"measurement.tacc.0x1","session":"{P}" """ },
        { "agent", """ "measurement_id":"measurement.tacc.0x1","agent":"{P}" """ },
        { "inputs[0]", """ "measurement_id":"measurement.tacc.0x1","inputs":["{P}"] """ },
        { "child_of[0]", """ "child_of":["{P}"] """ },
        { "a property name in data", """ "measurement_id":"measurement.tacc.0x1","data":{"k{P}":1} """ },
    };

    [Theory]
    [MemberData(nameof(CreationFields))]
    public async Task Given_unstorable_text_in_a_creation_field_when_creating_or_previewing_then_422_naming_it_and_no_job(string field, string members)
    {
        var pipeline = await PipelineAsync();
        foreach (var poison in new[] { "\\u0000", "\\ud800" })
        {
            var body = $$"""{"pipeline_uuid":"{{pipeline}}",{{members.Replace("{P}", poison)}}}""";
            var before = await JobCountAsync();

            var (created, answer) = await host.Client.PostAsync("/api/v1/jobs", body, AgentKey);
            var (previewed, preview) = await host.Client.PostAsync("/api/v1/jobs/preview", body);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, created);
            Assert.Equal(field, (string?)answer["field"]);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, previewed);
            Assert.Equal(field, (string?)preview["field"]);
            Assert.Equal(before, await JobCountAsync());
        }
    }

    [Theory]
    [MemberData(nameof(Poisons))]
    public async Task Given_unstorable_text_in_a_pipeline_field_when_registering_then_422_naming_it(string poison)
    {
        var id = $"tacc/unstorable-{Guid.NewGuid():N}:1";

        var (status, answer) = await host.Client.PostAsync("/api/v1/pipelines",
            $$"""{"id":"{{id}}","name":"ok","description":"d{{poison}}","components":[]}""", AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("description", (string?)answer["field"]);
        var (_, page) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/pipelines?limit=1000");
        Assert.DoesNotContain(id, page.ToString());
    }

    [Theory]
    [InlineData("data.note", """{"name":"update","data":{"note":"{P}"},"token":"{T}"}""")]
    [InlineData("name", """{"name":"up{P}date","token":"{T}"}""")]
    [InlineData("data.files[0].path", """{"name":"update","data":{"files":[{"path":"{P}"}]},"token":"{T}"}""")]
    [InlineData("a property name in body", """{"name":"update","{P}":1,"token":"{T}"}""")]
    public async Task Given_unstorable_text_in_an_event_when_posting_it_then_422_naming_it_and_nothing_appended(string field, string template)
    {
        var (uuid, token) = await NewJobAsync();

        var (status, answer) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events",
            template.Replace("{P}", "\\ud800").Replace("{T}", token));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(field, (string?)answer["field"]);
        Assert.Single(await EventsAsync(uuid));
    }

    [Fact]
    public async Task Given_unstorable_text_in_the_compatibility_webhook_body_or_query_when_calling_it_then_422_naming_it()
    {
        var (uuid, token) = await NewJobAsync();

        var (inBody, bodyAnswer) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={uuid}&token={token}",
            """{"status":"RUNNING","note":"\u0000"}""");
        var (inQuery, queryAnswer) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={uuid}&token={token}&status=RUN%00NING");
        var (inNote, noteAnswer) = await host.Client.PostAsync($"/api/v1/webhooks/jobs?uuid={uuid}&token={token}&event=update&note=%00");

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "note"), (inBody, (string?)bodyAnswer["field"]));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "status"), (inQuery, (string?)queryAnswer["field"]));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "note"), (inNote, (string?)noteAnswer["field"]));
        Assert.Single(await EventsAsync(uuid));
    }

    [Fact]
    public async Task Given_unstorable_text_in_index_filters_or_admin_bodies_when_posting_then_422_naming_it()
    {
        var (uuid, token) = await NewJobAsync();

        var (index, indexAnswer) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/index",
            $$"""{"filters":[{"pattern":"\ud800"}],"token":"{{token}}"}""");
        var (reset, resetAnswer) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/reset",
            """{"data":{"why":"\u0000"}}""", AdminKey);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, "filters[0].pattern"), (index, (string?)indexAnswer["field"]));
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "data.why"), (reset, (string?)resetAnswer["field"]));
        Assert.Single(await EventsAsync(uuid));
    }

    [Theory]
    [InlineData("/api/v1/jobs?state=%00", "state")]
    [InlineData("/api/v1/jobs?pipeline_uuid=106%00", "pipeline_uuid")]
    [InlineData("/api/v1/jobs?child_of=measurement.tacc.0x1%00", "child_of")]
    [InlineData("/api/v1/admin/audit?job_uuid=%00", "job_uuid")]
    [InlineData("/api/v1/jobs?x%00y=1", "a query parameter name")]
    public async Task Given_unstorable_text_in_a_query_when_requesting_then_422_naming_it(string path, string field)
    {
        var (status, answer) = await host.Client.SendAsync(HttpMethod.Get, path, key: AdminKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(field, (string?)answer["field"]);
    }

    /// <summary>Cursors as their decoded text: <c>&lt;NUL&gt;</c> is the byte 0, <c>&lt;SUR&gt;</c> the UTF-8 form of a lone surrogate.</summary>
    [Theory]
    [InlineData("/api/v1/jobs", "jobs|1700000000000000|<NUL>")]
    [InlineData("/api/v1/jobs", "jobs|1700000000000000|a<SUR>")]
    [InlineData("/api/v1/jobs", "jobs|-99999999999999999|x")]
    [InlineData("/api/v1/jobs", "jobs|99999999999999999999|x")]
    [InlineData("/api/v1/jobs", "pipelines|1700000000000000|x")]
    [InlineData("/api/v1/pipelines", "pipelines|1700000000000000|<NUL>")]
    [InlineData("/api/v1/pipelines", "pipelines|0|")]
    [InlineData("/api/v1/admin/audit", "audit|x|")]
    [InlineData("/api/v1/admin/audit", "audit|1|<NUL>")]
    public async Task Given_a_forged_cursor_when_paging_then_422_naming_after(string route, string plain)
    {
        var cursor = Base64Url.EncodeToString(Forged(plain));

        var (status, answer) = await host.Client.SendAsync(HttpMethod.Get, $"{route}?after={cursor}", key: AdminKey);
        var (truncated, _) = await host.Client.SendAsync(HttpMethod.Get, $"{route}?after={cursor[..^3]}", key: AdminKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("after", answer.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, truncated);
    }

    [Fact]
    public async Task Given_a_forged_cursor_on_a_jobs_files_when_paging_then_422_naming_after()
    {
        var (uuid, _) = await NewJobAsync();
        var cursor = Base64Url.EncodeToString(Forged("files|0|<NUL>"));

        var (status, answer) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/files?after={cursor}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("after", answer.ToString());
    }

    private static byte[] Forged(string plain) =>
        [.. plain.Split("<SUR>").SelectMany((part, i) =>
            (i == 0 ? [] : new byte[] { 0xED, 0xA0, 0x80 }).Concat(Encoding.UTF8.GetBytes(part.Replace("<NUL>", "\0"))))];

    private async Task<string> PipelineAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            """{"id":"tacc/unstorable:1","name":"Unstorable text","components":[]}""", AgentKey);
        return (string)pipeline["uuid"]!;
    }

    private async Task<(string Uuid, string Token)> NewJobAsync()
    {
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", $$"""
            {"pipeline_uuid":"{{await PipelineAsync()}}","measurement_id":"measurement.tacc.0xBEEF","data":{"n":"{{Guid.NewGuid():N}}"} }
            """, AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)job["uuid"]!, (string)job["token"]!);
    }

    private async Task<JArray> EventsAsync(string uuid)
    {
        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        return (JArray)events;
    }

    private async Task<int> JobCountAsync()
    {
        var (_, page) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/jobs?limit=1000&include_deleted=true", key: AdminKey);
        return ((JArray)page["items"]!).Count;
    }
}
