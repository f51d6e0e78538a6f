namespace Catalog.Cli.Http;

/// <summary>Builds the API's paths: identifiers escaped as one path segment, query parameters left out when not given.</summary>
internal static class Route
{
    public static string Segment(string identifier) => Uri.EscapeDataString(identifier);

    public static string With(string path, params (string Name, string? Value)[] query)
    {
        var given = query.Where(q => !string.IsNullOrEmpty(q.Value)).Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value!)}").ToList();
        return given.Count == 0 ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + string.Join("&", given);
    }
}
