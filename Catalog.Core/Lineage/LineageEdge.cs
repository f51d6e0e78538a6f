using Newtonsoft.Json.Linq;

namespace Catalog.Core.Lineage;

/// <summary>A typed provenance edge: <see cref="From"/> &lt;relation&gt; <see cref="To"/>.</summary>
public sealed record LineageEdge(string From, LineageRelation Relation, string To)
{
    public JObject ToJson() => new()
    {
        ["from"] = From,
        ["to"] = To,
        ["relation"] = Relation.Wire,
    };
}
