using Catalog.Core.Lineage;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Lineage;

/// <summary>A lineage node named in a route's path: any typed UUID or a canonical identifier.</summary>
public sealed record LineageNodeUuid(string Value) : IFromStep
{
    /// <summary>The shared step of the routes whose <c>{uuid}</c> names any lineage node.</summary>
    public static (LineageNodeUuid?, UnprocessableProblem?) Read(string uuid)
    {
        var errors = new List<string>();
        var node = LineageRequest.ResolveNode(uuid, errors);
        return node is null ? (null, Problems.Unprocessable(string.Join(" ", errors), errors)) : (new LineageNodeUuid(node), null);
    }
}

/// <summary>What the one-hop lineage routes answer: <c>{items: [...]}</c>.</summary>
public static class LineageAnswers
{
    public static JsonOk<TShape> Items<TShape>(IEnumerable<JObject> items) => new(new JObject { ["items"] = new JArray(items) });

    public static JsonOk<TShape> Items<TShape>(IEnumerable<LineageNode> nodes) => Items<TShape>(nodes.Select(n => n.ToJson()));
}
