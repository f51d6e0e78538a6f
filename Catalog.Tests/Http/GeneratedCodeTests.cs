using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Catalog.Tests.Http;

/// <summary>
/// The Wolverine adapters of the endpoints are generated ahead of time and committed (Catalog.Api/Internal/Generated):
/// a route added or renamed without writing them again would be compiled at run time, at every start. This fails
/// first, with the command that writes them.
/// </summary>
public sealed class GeneratedCodeTests(CatalogHostFixture host) : IClassFixture<CatalogHostFixture>
{
    private const string Namespace = "Internal.Generated.WolverineHandlers.";
    private const string Command = "cd Catalog.Api && rm -rf Internal/Generated && dotnet build -c Release && dotnet run -c Release --no-build -- codegen write";

    [Fact]
    public void Given_every_wolverine_route_then_its_generated_adapter_is_in_the_build()
    {
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.Any(m => m is Wolverine.Http.HttpChain))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods
                .Select(method => AdapterName(method, e.RoutePattern.RawText!)))
            .ToList();
        var assembly = typeof(Catalog.Api.CatalogSettings).Assembly;

        var missing = routes.Where(name => assembly.GetType(Namespace + name) is null).ToList();

        Assert.NotEmpty(routes);
        Assert.True(missing.Count == 0, $"Generated adapters missing for {string.Join(", ", missing)}; write them with: {Command}");
    }

    private static string AdapterName(string method, string template) =>
        method + "_" + template.Trim('/').Replace('/', '_').Replace("{", "").Replace("}", "").Replace('-', '_').Replace('.', '_');
}
