using Newtonsoft.Json.Linq;

namespace Catalog.Core.Requests;

/// <summary>
/// Members of a request body the route does not read. A typo must not pass silently (<c>measurment_id</c> would create a
/// job cut off from its measurement), so each unknown member is an error naming the closest known one; members that
/// python-datacatalog's own schemas list are tolerated (agents written for it send them) and only reported back.
/// </summary>
public static class UnknownFields
{
    /// <summary>An error per member of <paramref name="body"/> that is neither known nor tolerated, in body order.</summary>
    public static IReadOnlyList<string> Errors(JObject body, IReadOnlyCollection<string> known, IReadOnlyCollection<string>? tolerated = null) =>
        Errors(body.Properties().Select(p => p.Name).Where(name => tolerated?.Contains(name) != true), known, "field", "the fields are");

    /// <summary>
    /// An error per name that is not known, naming the closest known one, or else listing them after
    /// <paramref name="listing"/> (<c>unknown query parameter; this route reads ...</c>).
    /// </summary>
    public static IReadOnlyList<string> Errors(IEnumerable<string> names, IReadOnlyCollection<string> known, string kind, string listing) =>
        names.Where(name => !known.Contains(name))
            .Select(name => Closest(name, known) is { } closest
                ? $"{name}: unknown {kind}; did you mean '{closest}'?"
                : $"{name}: unknown {kind}; {listing} {string.Join(", ", known)}.")
            .ToArray();

    /// <summary>The members of <paramref name="body"/> that are tolerated but not read.</summary>
    public static IReadOnlyList<string> Tolerated(JObject body, IReadOnlyCollection<string> known, IReadOnlyCollection<string> tolerated) =>
        body.Properties().Select(p => p.Name).Where(name => !known.Contains(name) && tolerated.Contains(name)).ToArray();

    /// <summary>
    /// The candidate nearest to <paramref name="name"/> (case ignored) if it is near enough to be a typo of it, or the
    /// shortest one it begins (<c>pipeline</c> for <c>pipeline_uuid</c>).
    /// </summary>
    public static string? Closest(string name, IReadOnlyCollection<string> candidates)
    {
        var lower = name.ToLowerInvariant();
        if (lower.Length >= 4 && candidates.Where(c => c.StartsWith(lower, StringComparison.OrdinalIgnoreCase))
                .OrderBy(c => c.Length).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault() is { } completed)
        {
            return completed;
        }
        var best = candidates.Select(c => (Name: c, Distance: Distance(lower, c.ToLowerInvariant())))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault();
        return best.Name is not null && best.Distance <= Math.Max(1, Math.Min(3, best.Name.Length / 3)) ? best.Name : null;
    }

    // Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost one each.
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || a.Length > 64 || b.Length > 64)
        {
            return int.MaxValue;
        }
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
