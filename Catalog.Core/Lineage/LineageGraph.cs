using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>
/// The answer of a lineage walk: the nodes reached (the root first, then level by level), the edges between them,
/// and whether the node limit cut the walk short.
/// </summary>
public sealed record LineageGraph(
    string Root,
    IReadOnlyList<LineageNode> Nodes,
    IReadOnlyList<LineageEdge> Edges,
    bool Truncated,
    int Depth,
    LineageDirection Direction)
{
    public JObject ToJson() => new()
    {
        ["root"] = Root,
        ["nodes"] = new JArray(Nodes.Select(n => n.ToJson())),
        ["edges"] = new JArray(Edges.Select(e => e.ToJson())),
        ["truncated"] = Truncated,
        ["depth"] = Depth,
        ["direction"] = Direction.ToString().ToLowerInvariant(),
    };
}
