using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>A typed provenance edge: <see cref="From"/> &lt;relation&gt; <see cref="To"/>.</summary>
public sealed record LineageEdge(string From, LineageRelation Relation, string To)
{
    public JObject ToJson() => JsonWriting.Tree(WriteJson);

    /// <summary>Writes the edge as <see cref="ToJson"/> makes it, straight to <paramref name="writer"/>.</summary>
    public void WriteJson(JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.Property("from", From);
        writer.Property("to", To);
        writer.Property("relation", Relation.Wire);
        writer.WriteEndObject();
    }
}
