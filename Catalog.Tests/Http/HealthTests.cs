using Catalog.Tests.Fixtures;
using System.Net;
using Newtonsoft.Json.Linq;

namespace Catalog.Tests.Http;

[Trait("Category", "Database")]
public sealed class HealthTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    [Fact]
    public async Task Given_a_reachable_database_when_health_then_200_ok()
    {
        var response = await host.Client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["status"]);
    }

    [Fact]
    public async Task Given_a_database_that_does_not_answer_when_health_then_503_problem_with_retry_after()
    {
        await using var factory = new CatalogAppFactory(new Dictionary<string, string?>
        {
            ["CATALOG_DB"] = $"Host=127.0.0.1;Port={Checkout.FreePort()};Username=postgres;Database=nothing;Timeout=2",
        });
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("does not answer", (string?)JObject.Parse(await response.Content.ReadAsStringAsync())["detail"]);
    }

    [Fact]
    public async Task Given_no_database_configured_when_health_then_503_naming_the_setting()
    {
        await using var factory = new CatalogAppFactory(new Dictionary<string, string?> { ["CATALOG_DB"] = "" });
        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("CATALOG_DB", await response.Content.ReadAsStringAsync());
    }
}
