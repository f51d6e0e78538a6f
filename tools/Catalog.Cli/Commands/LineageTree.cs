using System.Text.Json.Nodes;
using Catalog.Cli.Output;
using Spectre.Console;

namespace Catalog.Cli.Commands;

/// <summary>
/// Draws a lineage answer (<c>{root, nodes, edges}</c>) as a tree from its root: upstream follows edges forwards
/// (<c>from → to</c> reads "from relation to"), downstream backwards. A node reached again is named, not expanded again.
/// </summary>
internal static class LineageTree
{
    public static Tree Draw(JsonNode graph, string direction)
    {
        var nodes = Json.Array(graph, "nodes")
            .Where(n => Json.Text(n, "uuid") is not null)
            .GroupBy(n => Json.Text(n, "uuid")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var edges = Json.Array(graph, "edges")
            .Select(e => (From: Json.Text(e, "from") ?? "", To: Json.Text(e, "to") ?? "", Relation: Json.Text(e, "relation") ?? "")).ToList();
        var root = Json.Text(graph, "root") ?? "";
        var tree = new Tree(new Text(Describe(root, nodes), new Style(decoration: Decoration.Bold)));
        var shown = new HashSet<string>(StringComparer.Ordinal) { root };
        if (direction is "upstream" or "both")
        {
            var branch = direction == "both" ? tree.AddNode(new Text("upstream (what it came from)", new Style(decoration: Decoration.Italic))) : null;
            Grow(root, e => e.From == root, e => e.To, nodes, edges, shown, child => (branch is null ? tree.AddNode(child) : branch.AddNode(child)), upstream: true);
            NothingUnder(branch);
        }
        if (direction is "downstream" or "both")
        {
            var branch = direction == "both" ? tree.AddNode(new Text("downstream (what came of it)", new Style(decoration: Decoration.Italic))) : null;
            Grow(root, e => e.To == root, e => e.From, nodes, edges, shown, child => (branch is null ? tree.AddNode(child) : branch.AddNode(child)), upstream: false);
            NothingUnder(branch);
        }
        return tree;
    }

    private static void Grow(string at, Func<(string From, string To, string Relation), bool> leaving, Func<(string From, string To, string Relation), string> far,
        Dictionary<string, JsonNode> nodes, List<(string From, string To, string Relation)> edges, HashSet<string> shown,
        Func<Text, TreeNode> add, bool upstream)
    {
        foreach (var edge in edges.Where(leaving).OrderBy(e => e.Relation, StringComparer.Ordinal).ThenBy(far, StringComparer.Ordinal))
        {
            var next = far(edge);
            var relation = upstream ? $"{edge.Relation} → " : $"← {edge.Relation} ";
            if (!shown.Add(next))
            {
                add(new Text($"{relation}{Describe(next, nodes)} (shown above)", new Style(decoration: Decoration.Dim)));
                continue;
            }
            var child = add(new Text(relation + Describe(next, nodes)));
            Grow(next, upstream ? e => e.From == next : e => e.To == next, far, nodes, edges, shown, child.AddNode, upstream);
        }
    }

    private static void NothingUnder(TreeNode? branch)
    {
        if (branch is { Nodes.Count: 0 })
        {
            branch.AddNode(new Text("(nothing recorded)", new Style(decoration: Decoration.Dim)));
        }
    }

    /// <summary>What people know the node by: its label, its type, a job's state, and its UUID.</summary>
    private static string Describe(string uuid, Dictionary<string, JsonNode> nodes)
    {
        if (!nodes.TryGetValue(uuid, out var node))
        {
            return uuid;
        }
        var label = Json.Text(node, "label");
        var state = Json.Text(node, "state");
        // A job's label already names its state ("FCS QC (RUNNING)"); say it once.
        var kind = string.Join(", ", new[] { Json.Text(node, "type"), label?.Contains(state ?? "\0", StringComparison.Ordinal) == true ? null : state }
            .Where(t => !string.IsNullOrEmpty(t)));
        return label is null ? $"{uuid} ({kind})" : $"{label} ({kind}) {uuid}";
    }
}
