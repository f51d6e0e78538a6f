using Newtonsoft.Json.Linq;

namespace Catalog.Core.Queries;

/// <summary>One page of a keyset-paged list: its items and the cursor of the next page (null on the last one).</summary>
public sealed record Page(IReadOnlyList<JToken> Items, string? Next)
{
    /// <summary><c>{"items": [...], "next": "&lt;cursor&gt;" | null}</c>.</summary>
    public JObject ToJson() => new()
    {
        ["items"] = new JArray(Items),
        ["next"] = Next,
    };

    /// <summary>
    /// Builds a page from up to <paramref name="limit"/> + 1 rows: the extra row only tells that another page exists,
    /// so the last full page does not promise a next one that would come back empty.
    /// </summary>
    public static Page Of<TRow>(IReadOnlyList<TRow> rows, int limit, Func<TRow, JToken> item, Func<TRow, PageCursor> cursor)
    {
        var shown = rows.Take(limit).ToList();
        var next = rows.Count > limit ? cursor(shown[^1]).Encode() : null;
        return new Page(shown.Select(item).ToList(), next);
    }
}
