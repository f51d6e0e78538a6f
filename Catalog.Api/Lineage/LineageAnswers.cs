using Catalog.Api.Operations;
using Catalog.Core.Lineage;
using Catalog.Core.Queries;
using Catalog.Webhooks.Http;
using Newtonsoft.Json.Linq;

namespace Catalog.Api.Lineage;

/// <summary>What the one-hop lineage routes answer: <c>{items: [...]}</c>.</summary>
public static class LineageAnswers
{
    public static JsonOk<TShape> Items<TShape>(IEnumerable<JObject> items) => new(new JObject { ["items"] = new JArray(items) });

    public static JsonOk<TShape> Items<TShape>(IEnumerable<LineageNode> nodes) => Items<TShape>(nodes.Select(n => n.ToJson()));

    /// <summary>The log as it stood at <paramref name="time"/>, or null (the present) when no time was asked for.</summary>
    public static async Task<AsOf?> AsOfAsync(CatalogDatabase database, DateTimeOffset? time, CancellationToken cancellationToken)
    {
        if (time is not { } at)
        {
            return null;
        }
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        return await AsOf.AtAsync(connection, at, cancellationToken);
    }
}
