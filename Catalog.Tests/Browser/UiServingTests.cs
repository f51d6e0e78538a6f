using System.Net;
using Catalog.Tests.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Browser;

/// <summary>What the host answers for the UI's addresses and files, over plain HTTP (no browser).</summary>
[Trait("Category", "Database")]
public sealed class UiServingTests(LiveCatalogFixture catalog) : IClassFixture<LiveCatalogFixture>
{
    private static readonly string[] RequiredPolicy = ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"];

    [Theory]
    [InlineData("/")]
    [InlineData("/jobs")]
    [InlineData("/jobs?state=FAILED&tag=x")]
    [InlineData("/jobs/10776b2c-37b1-5b65-9b2a-d686d198a0fe")]
    [InlineData("/jobs/measurement.tacc.0xDEADBEEF")]
    [InlineData("/jobs/not-a-job")]
    [InlineData("/lineage/10776b2c-37b1-5b65-9b2a-d686d198a0fe?direction=upstream&depth=2")]
    [InlineData("/pipelines")]
    [InlineData("/pipelines/tacc%2Fdemo%3A1")]
    [InlineData("/groups")]
    [InlineData("/groups/11200000-0000-5000-8000-000000000000")]
    [InlineData("/search?q=alpha")]
    public async Task Given_a_page_address_then_the_page_answers_200_html_with_the_security_headers(string path)
    {
        using var response = await GetAsync(path, "text/html,application/xhtml+xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        Assert.Contains("/ui/js/main.js", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/ui/js/main.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    [InlineData("/ui/vendor/cytoscape.esm.min.mjs", "text/javascript")]
    [InlineData("/ui/vendor/cytoscape-dagre.min.mjs", "text/javascript")]
    [InlineData("/ui/vendor/cytoscape-svg.js", "text/javascript")]
    public async Task Given_a_ui_file_then_it_is_served_from_the_host_with_its_type_and_the_security_headers(string path, string type)
    {
        using var response = await GetAsync(path, "*/*");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        using var revalidated = await catalog.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Given_the_root_without_html_in_accept_then_the_json_index_answers_as_before()
    {
        var (status, index) = await catalog.Client.SendAsync(HttpMethod.Get, "/");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("/openapi/v1.json", (string?)index["openapi"]);
    }

    [Fact]
    public async Task Given_an_unknown_non_api_path_then_a_browser_gets_the_page_not_found_and_other_clients_the_json_404()
    {
        using var browser = await GetAsync("/no-such-page", "text/html");
        using var client = await GetAsync("/no-such-page", "application/json");
        using var api = await GetAsync("/api/v1/job", "application/json");
        using var missingFile = await GetAsync("/ui/no-such-file.js", "*/*");

        Assert.Equal(HttpStatusCode.NotFound, browser.StatusCode);
        Assert.Equal("text/html", browser.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(browser);
        Assert.Equal(HttpStatusCode.NotFound, client.StatusCode);
        Assert.Equal("application/problem+json", client.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The closest is GET /api/v1/jobs;", (string?)JObject.Parse(await api.Content.ReadAsStringAsync())["detail"]);
        Assert.Equal(HttpStatusCode.NotFound, missingFile.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/job", 404, "The closest is GET /api/v1/jobs;")]
    [InlineData("DELETE", "/api/v1/pipelines", 405, "it takes GET, POST")]
    public async Task Given_a_browser_on_an_api_path_no_route_takes_then_the_problem_document_answers_not_a_500(string method,
        string path, int status, string detail)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml");
        using var response = await catalog.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["detail"]);
    }

    [Fact]
    public async Task Given_the_docs_health_and_api_then_their_answers_carry_no_ui_policy()
    {
        using var health = await GetAsync("/health", "text/html");
        using var docs = await GetAsync("/docs", "text/html");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("application/json", health.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.False(docs.Headers.Contains("Content-Security-Policy"));
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        return await catalog.Client.SendAsync(request);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        foreach (var directive in RequiredPolicy)
        {
            Assert.Contains(directive, policy);
        }
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.Equal("nosniff", string.Join("", response.Headers.GetValues("X-Content-Type-Options")));
    }
}
