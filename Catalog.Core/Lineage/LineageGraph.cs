using System.Globalization;
using Newtonsoft.Json;
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
    public JObject ToJson() => JsonWriting.Tree(writer => WriteJson(writer));

    /// <summary>
    /// The answer as JSON text, written straight from the nodes and edges (a thousand-node answer is half a megabyte:
    /// building it as a tree first cost as much as reading it), ending with <c>as_of</c> when one is given.
    /// </summary>
    public string ToJsonText(string? asOf = null)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            WriteJson(writer, asOf);
        }
        return text.ToString();
    }

    private void WriteJson(JsonWriter writer, string? asOf = null)
    {
        writer.WriteStartObject();
        writer.Property("root", Root);
        writer.WritePropertyName("nodes");
        writer.WriteStartArray();
        foreach (var node in Nodes)
        {
            node.WriteJson(writer);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("edges");
        writer.WriteStartArray();
        foreach (var edge in Edges)
        {
            edge.WriteJson(writer);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("truncated");
        writer.WriteValue(Truncated);
        writer.WritePropertyName("depth");
        writer.WriteValue(Depth);
        writer.Property("direction", Direction.ToString().ToLowerInvariant());
        if (asOf is not null)
        {
            writer.Property("as_of", asOf);
        }
        writer.WriteEndObject();
    }
}
