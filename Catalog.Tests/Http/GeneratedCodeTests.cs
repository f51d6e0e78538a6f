using System.Reflection;
using Wolverine.Http;

namespace Catalog.Tests.Http;

/// <summary>
/// The Wolverine adapters of the endpoints are generated ahead of time and committed (Catalog.Api/Internal/Generated),
/// and a Release host loads them statically: an endpoint added or renamed without writing them again would have no
/// route at all. This fails first, with the command that writes them; the endpoints are found by their attributes, not
/// through the host (which would not list a route it could not load).
/// </summary>
public sealed class GeneratedCodeTests
{
    private const string Namespace = "Internal.Generated.WolverineHandlers.";
    private const string Command = "cd Catalog.Api && rm -rf Internal/Generated && dotnet build -c Release && dotnet run -c Release --no-build -- codegen write";

    [Fact]
    public void Given_every_endpoint_method_then_its_generated_adapter_is_in_the_build()
    {
        var api = typeof(Catalog.Api.CatalogSettings).Assembly;
        var routes = new[] { api, typeof(Catalog.Webhooks.WebhooksAssembly).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(method => method.GetCustomAttributes<WolverineHttpMethodAttribute>())
            .Select(route => AdapterName(route.HttpMethod, route.Template))
            .ToList();

        var missing = routes.Where(name => api.GetType(Namespace + name) is null).ToList();

        Assert.True(routes.Count > 20, $"only {routes.Count} endpoint methods found");
        Assert.True(missing.Count == 0, $"Generated adapters missing for {string.Join(", ", missing)}; write them with: {Command}");
    }

    private static string AdapterName(string method, string template) =>
        method + "_" + template.Trim('/').Replace('/', '_').Replace("{", "").Replace("}", "").Replace('-', '_').Replace('.', '_');
}
