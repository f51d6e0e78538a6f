using System.Net;
using System.Text;
using static Catalog.Tests.Http.CatalogHostFixture;

namespace Catalog.Tests.Http;

/// <summary>
/// Regressions for what chaos/Catalog.Attacks found through the real host: input that reached the database and
/// failed there, and answers that were not the contract's problem documents.
/// </summary>
[Trait("Category", "Database")]
public sealed class HostileInputTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    [Theory]
    [InlineData("\\u0000")]
    [InlineData("a\\u0000b")]
    [InlineData("\\ud800")]
    [InlineData("x\\udc00")]
    public async Task Given_an_event_id_postgres_text_cannot_hold_when_posting_the_event_then_422_and_nothing_recorded(string eventId)
    {
        var (uuid, token) = await NewJobAsync();

        var (status, body) = await host.Client.PostAsync($"/api/v1/jobs/{uuid}/events",
            $$"""{"name":"run","event_id":"{{eventId}}","token":"{{token}}"}""");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("event_id", body.ToString());
        var (_, events) = await host.Client.SendAsync(HttpMethod.Get, $"/api/v1/jobs/{uuid}/events");
        Assert.Single(events);
    }

    [Fact]
    public async Task Given_a_pipeline_name_with_NUL_when_registering_then_422_and_no_pipeline()
    {
        var (status, body) = await host.Client.PostAsync("/api/v1/pipelines",
            """{"id":"tacc/nul:1","name":"bad\u0000name","components":[]}""", AgentKey);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("name", body.ToString());
        var (_, page) = await host.Client.SendAsync(HttpMethod.Get, "/api/v1/pipelines");
        Assert.DoesNotContain("tacc/nul:1", page.ToString());
    }

    [Fact]
    public async Task Given_a_path_no_route_matches_when_requested_then_404_as_a_problem_document()
    {
        using var response = await host.Client.GetAsync("/api/v1/jobs/%2e%2e/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Given_the_docs_address_without_a_slash_when_requested_then_the_page_itself_not_a_redirect()
    {
        using var client = host.CreateClientWithoutRedirects();

        using var response = await client.GetAsync("/docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("src=\"/docs/swagger-ui-bundle.js\"", await response.Content.ReadAsStringAsync());
    }

    private async Task<(string Uuid, string Token)> NewJobAsync()
    {
        var (_, pipeline) = await host.Client.PostAsync("/api/v1/pipelines",
            """{"id":"tacc/hostile:1","name":"Hostile input","components":[]}""", AgentKey);
        var (status, job) = await host.Client.PostAsync("/api/v1/jobs", $$"""
            {"pipeline_uuid":"{{pipeline["uuid"]}}","measurement_id":"measurement.tacc.0xDEADBEEF","data":{"n":"{{Guid.NewGuid():N}}"} }
            """, AgentKey);
        Assert.Equal(HttpStatusCode.Created, status);
        return ((string)job["uuid"]!, (string)job["token"]!);
    }
}
