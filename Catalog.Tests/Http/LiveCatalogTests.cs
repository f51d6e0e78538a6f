using System.Net;

namespace Catalog.Tests.Http;

[Trait("Category", "Database")]
public sealed class LiveCatalogTests(LiveCatalogFixture catalog) : IClassFixture<LiveCatalogFixture>
{
    [Fact]
    public async Task The_live_host_answers_on_a_real_port()
    {
        Assert.Equal("127.0.0.1", catalog.BaseAddress.Host);
        Assert.NotEqual(0, catalog.BaseAddress.Port);
        using var response = await catalog.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
