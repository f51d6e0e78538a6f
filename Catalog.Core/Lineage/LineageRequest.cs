using System.Globalization;
using Catalog.Core.Identifiers;

namespace Catalog.Core.Lineage;

/// <summary>
/// A checked lineage query: the root (any typed UUID, or a canonical identifier such as
/// <c>measurement.tacc.0xDEADBEEF</c>), the direction, the depth in hops and the node limit.
/// </summary>
public sealed record LineageRequest(string Root, LineageDirection Direction, int Depth, int NodeLimit)
{
    public const int DefaultDepth = 3;
    public const int MaxDepth = 20;
    public const int DefaultNodeLimit = 1000;
    public const int MaxNodeLimit = 10000;

    /// <summary>Reads the route's values, collecting every problem at once; blank values take the defaults.</summary>
    public static (LineageRequest? Request, IReadOnlyList<string> Errors) Parse(string uuid, string? direction, string? depth, string? limit)
    {
        var errors = new List<string>();
        var root = ResolveNode(uuid, errors);
        var way = LineageDirection.Both;
        if (!string.IsNullOrWhiteSpace(direction) && !TryDirection(direction.Trim(), out way))
        {
            errors.Add($"direction must be upstream, downstream or both, not '{Clip(direction)}'.");
        }
        var hops = Number(depth, "depth", DefaultDepth, MaxDepth, errors);
        var nodes = Number(limit, "limit", DefaultNodeLimit, MaxNodeLimit, errors);
        return errors.Count == 0 ? (new LineageRequest(root!, way, hops, nodes), errors) : (null, errors);
    }

    /// <summary>
    /// The UUID when <paramref name="text"/> is a typed UUID of one of the catalog's own node kinds (a group, prefix 112;
    /// an OpenLineage dataset, prefix 113), which python-datacatalog's identifiers do not know; null otherwise.
    /// </summary>
    public static string? CatalogNode(string? text) =>
        TypedUuid.TryParse(text?.Trim(), out var uuid) && UuidType.ClassifyCatalog(uuid) is { } type
            && (type == UuidType.JobGroup || type == UuidType.Dataset) ? uuid : null;

    /// <summary>A typed UUID (lower-case, dashed) or the UUID of a canonical identifier; null with an error otherwise.</summary>
    public static string? ResolveNode(string? text, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (CatalogNode(text) is { } own)
        {
            return own;
        }
        switch (Linkage.ResolveIdentifier(text?.Trim()))
        {
            case IdentifierResolution.Resolved resolved:
                return resolved.Uuid;
            case IdentifierResolution.Rejected rejected:
                errors.Add($"The node must be a typed UUID or a canonical identifier such as measurement.tacc.0xDEADBEEF: {rejected.Error}");
                break;
        }
        return null;
    }

    private static bool TryDirection(string text, out LineageDirection direction)
    {
        direction = LineageDirection.Both;
        foreach (var candidate in Enum.GetValues<LineageDirection>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                direction = candidate;
                return true;
            }
        }
        return false;
    }

    private static int Number(string? text, string name, int fallback, int max, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max)
        {
            return value;
        }
        errors.Add($"{name} must be a whole number from 1 to {max}, not '{Clip(text)}'.");
        return fallback;
    }

    private static string Clip(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
