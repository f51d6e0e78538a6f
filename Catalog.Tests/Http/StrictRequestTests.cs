using System.Net;
using Catalog.Tests.Indexing;
using Newtonsoft.Json.Linq;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// A typo is never accepted silently: an unknown body field is a 422 naming it with the field meant, an unknown query
/// parameter of a list route a 400, and an Agave/Aloe status the table does not know is recorded as update with the
/// answer saying so. Fields python-datacatalog's own schemas list stay accepted.
/// </summary>
[Trait("Category", "Database")]
public sealed class StrictRequestTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    [Fact]
    public async Task Given_a_misspelt_creation_field_when_creating_or_previewing_then_422_with_the_field_meant_and_no_job()
    {
        var body = $$"""{"pipeline_uuid":"{{await PipelineAsync()}}","measurment_id":"measurement.tacc.0xBEEF","data":{"n":"{{Guid.NewGuid():N}}"} }""";

        var (created, answer) = await host.Client.PostAsync("/api/v1/jobs", body, AgentKey);
        var (previewed, preview) = await host.Client.PostAsync("/api/v1/jobs/preview", body);
        var (_, jobs) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/jobs?limit=1000");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, created);
        Assert.Contains("measurment_id: unknown field; did you mean 'measurement_id'?", answer["errors"]!.Values<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, previewed);
        Assert.Contains("did you mean 'measurement_id'", preview.ToString());
        Assert.DoesNotContain(body[^40..^3], jobs.ToString());
    }

    [Fact]
    public async Task Given_fields_of_python_datacatalogs_job_schema_when_creating_then_accepted_and_listed_as_ignored()
    {
        var body = $$"""
            {"pipeline_uuid":"{{await PipelineAsync()}}","measurement_id":"measurement.tacc.0xBEEF","data":{"n":"{{Guid.NewGuid():N}}"},
             "generated_by":[],"_admin":{"owner":"x"},"state":"CREATED"}
            """;

        var (created, _) = await host.Client.PostAsync("/api/v1/jobs", body, AgentKey);
        var (_, preview) = await host.Client.PostAsync("/api/v1/jobs/preview", body);

        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal(["generated_by", "_admin", "state"], preview["ignored_fields"]!.Values<string>());
    }

    [Fact]
    public async Task Given_a_misspelt_event_index_or_reset_field_then_422_with_the_field_meant_and_nothing_recorded()
    {
        var job = await new IndexingScenario(host).FinishedJobAsync();
        var before = await job.EventCountAsync();

        var (sent, eventAnswer) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events",
            $$"""{"name":"validate","dta":{"x":1},"token":"{{job.Token}}"}""");
        var (indexed, indexAnswer) = await job.IndexAsync($$"""{"filter":[{"patterns":[".txt$"]}],"token":"{{job.Token}}"}""");
        var (reset, resetAnswer) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/reset", """{"clear_archives":true}""", AdminKey);
        var (tolerated, _) = await host.Client.PostAsync($"/api/v1/jobs/{job.Uuid}/events",
            $$"""{"uuid":"{{job.Uuid}}","name":"validate","token":"{{job.Token}}"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sent);
        Assert.Contains("dta: unknown field; did you mean 'data'?", eventAnswer["errors"]!.Values<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, indexed);
        Assert.Contains("filter: unknown field; did you mean 'filters'?", indexAnswer["errors"]!.Values<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reset);
        Assert.Contains("clear_archives: unknown field; did you mean 'clear_archive'?", resetAnswer["errors"]!.Values<string>());
        Assert.Equal(HttpStatusCode.OK, tolerated);
        Assert.Equal(before + 1, await job.EventCountAsync());
    }

    [Theory]
    [InlineData("/api/v1/jobs?measurement_id=measurement.tacc.0xBEEF", "measurement_id: unknown query parameter")]
    [InlineData("/api/v1/jobs?pipeline=106", "did you mean 'pipeline_uuid'?")]
    [InlineData("/api/v1/pipelines?limt=5", "did you mean 'limit'?")]
    [InlineData("/api/v1/admin/audit?job_uid=1", "did you mean 'job_uuid'?")]
    [InlineData("/api/v1/lineage/10776b2c-37b1-5b65-9b2a-d686d198a0fe?dept=2", "did you mean 'depth'?")]
    [InlineData("/api/v1/jobs/10776b2c-37b1-5b65-9b2a-d686d198a0fe/files?afterr=x", "did you mean 'after'?")]
    public async Task Given_an_unknown_query_parameter_on_a_list_route_then_400_naming_it_not_the_unfiltered_list(string path, string expected)
    {
        var (status, answer) = await host.Client.SendAsync(HttpMethod.Get, path, key: AdminKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, (string?)answer["detail"]);
    }

    [Fact]
    public async Task Given_an_aloe_status_the_table_does_not_know_then_recorded_as_update_and_the_answer_says_it_was_mapped()
    {
        var (_, job) = await host.Client.PostAsync("/api/v1/jobs",
            $$"""{"pipeline_uuid":"{{await PipelineAsync()}}","measurement_id":"measurement.tacc.0xBEEF","data":{"n":"{{Guid.NewGuid():N}}"} }""",
            AgentKey);
        var url = $"/api/v1/webhooks/jobs?uuid={job["uuid"]}&token={job["token"]}";
        await host.Client.PostAsync($"{url}&event=run");

        var (unknown, mapped) = await host.Client.PostAsync($"{url}&status=SPINNING");
        var (known, plain) = await host.Client.PostAsync($"{url}&status=HEARTBEAT");

        Assert.Equal(HttpStatusCode.OK, unknown);
        Assert.Equal("update", (string?)mapped["last_event"]);
        Assert.Equal("SPINNING", (string?)mapped["mapped_from"]);
        Assert.Equal(HttpStatusCode.OK, known);
        Assert.Null(plain["mapped_from"]);
    }

    [Theory]
    [InlineData("GET", "/api/v1/job", 404, "The closest is GET /api/v1/jobs;")]
    [InlineData("GET", "/api/v1/jobs/10776b2c-37b1-5b65-9b2a-d686d198a0fe/event", 404, "The closest is GET /api/v1/jobs/{uuid}/events;")]
    [InlineData("POST", "/api/v1/pipeline", 404, "The closest is POST /api/v1/pipelines;")]
    [InlineData("PUT", "/api/v1/pipelines", 405, "it takes GET, POST.")]
    [InlineData("GET", "/api/v1/jobs/10776b2c-37b1-5b65-9b2a-d686d198a0fe/reset", 405, "it takes POST.")]
    public async Task Given_a_route_miss_then_the_problem_names_the_closest_route_or_the_methods_and_points_at_the_docs(
        string method, string path, int status, string expected)
    {
        var (answer, body) = await host.Client.SendAsync(new HttpMethod(method), path);

        Assert.Equal(status, (int)answer);
        Assert.Contains(expected, (string?)body["detail"]);
        Assert.Contains("/docs", (string?)body["detail"]);
    }

    [Fact]
    public async Task Given_the_root_then_a_browser_gets_the_web_ui_and_other_clients_are_told_where_the_contract_is()
    {
        using var client = host.CreateClientWithoutRedirects();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var browser = await client.SendAsync(page);
        var (status, index) = await host.Client.SendAsync(HttpMethod.Get, "/");

        Assert.Equal(HttpStatusCode.OK, browser.StatusCode);
        Assert.Equal("text/html", browser.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/openapi/v1.json", (string?)index["openapi"]);
    }

    private async Task<string> PipelineAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            """{"id":"tacc/strict:1","name":"Strict requests","components":[]}""", AgentKey);
        return (string)pipeline["uuid"]!;
    }
}
