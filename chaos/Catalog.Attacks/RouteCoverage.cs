using System.Text.Json.Nodes;

namespace Catalog.Attacks;

/// <summary>
/// Reads the contract the catalog serves (/openapi/v1.json) and checks that the hostile generators and the access
/// matrix both cover every route in it; a route added to the catalog without attacks shows up as a failure.
/// </summary>
internal static class RouteCoverage
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    public static async Task<ContractStatuses?> CheckAsync(CatalogHttp http, IReadOnlyCollection<string> hostile, AttackReport report, CancellationToken cancellationToken)
    {
        var answer = await http.SendAsync(new AttackRequest("GET /openapi/v1.json", "coverage", HttpMethod.Get, "/openapi/v1.json", null, null, []),
            cancellationToken, keep: int.MaxValue);
        var paths = answer.Status == 200 ? JsonNode.Parse(answer.Body)?["paths"]?.AsObject() : null;
        if (paths is null)
        {
            report.AccessFailure($"GET /openapi/v1.json: expected 200 with a paths object, got {answer.Status}");
            return null;
        }
        var served = paths.SelectMany(path => Methods.Where(m => path.Value?[m] is not null).Select(m => $"{m.ToUpperInvariant()} {path.Key}")).ToList();
        var matrix = AccessMatrix.Rows.Select(r => r.Route).ToHashSet(StringComparer.Ordinal);
        foreach (var route in served)
        {
            if (!hostile.Contains(route) || !matrix.Contains(route))
            {
                report.UncoveredRoute(route);
            }
        }
        Console.WriteLine($"coverage: {served.Count} routes in the served contract, {hostile.Count} with hostile generators, {matrix.Count} in the access matrix");
        return new ContractStatuses(paths);
    }
}
