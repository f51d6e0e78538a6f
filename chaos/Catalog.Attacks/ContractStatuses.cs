using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Catalog.Attacks;

/// <summary>
/// The statuses the served openapi.json lists for each route. A hostile request whose path still has the route's
/// shape must get one of them (or Kestrel's own refusal); anything else is an answer the contract does not describe.
/// </summary>
internal sealed class ContractStatuses
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];
    private readonly Dictionary<string, (Regex Shape, HashSet<int> Statuses)> _routes = new(StringComparer.Ordinal);

    public ContractStatuses(JsonObject paths)
    {
        foreach (var (template, item) in paths)
        {
            foreach (var method in Methods.Where(m => item?[m] is not null))
            {
                var statuses = item![method]!["responses"]?.AsObject().Select(r => int.TryParse(r.Key, out var s) ? s : 0).ToHashSet() ?? [];
                var shape = new Regex("^" + Regex.Replace(Regex.Escape(template), @"\\\{[a-z_]+}", "[^/]+") + "$");
                _routes[$"{method.ToUpperInvariant()} {template}"] = (shape, statuses);
            }
        }
    }

    public IEnumerable<string> Routes => _routes.Keys;

    /// <summary>Null when the answer is one the contract lists for the route (or the path lost the route's shape, so
    /// routing rightly answers for another address), else what is wrong.</summary>
    public string? Undocumented(AttackRequest request, Answer answer)
    {
        if (answer.Status == 0 || answer.IsProtocolRejection || !_routes.TryGetValue(request.Route, out var route))
        {
            return null;
        }
        var path = request.PathAndQuery.Split('?', 2)[0];
        if (!route.Shape.IsMatch(path) || path.Split('/').Any(LosesShape))
        {
            return null;
        }
        return route.Statuses.Contains(answer.Status)
            ? null
            : $"{answer.Status} is not among the statuses openapi.json lists for {request.Route} ({string.Join(", ", route.Statuses.Order())})";
    }

    /// <summary>Segments the server decodes into something else: dot segments (removed) and encoded slashes.</summary>
    private static bool LosesShape(string segment)
    {
        var decoded = Uri.UnescapeDataString(segment);
        return decoded is "." or ".." || decoded.Contains('/') || decoded.Contains('\\') || decoded.Length == 0 && segment.Length > 0;
    }
}
