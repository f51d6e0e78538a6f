using Catalog.Core.Lineage;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Lineage;

/// <summary>What the one-hop lineage routes answer: <c>{items: [...]}</c>.</summary>
public static class LineageAnswers
{
    public static JsonOk<TShape> Items<TShape>(IEnumerable<JObject> items) => new(new JObject { ["items"] = new JArray(items) });

    public static JsonOk<TShape> Items<TShape>(IEnumerable<LineageNode> nodes) => Items<TShape>(nodes.Select(n => n.ToJson()));
}
