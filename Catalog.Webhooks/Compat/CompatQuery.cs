using Microsoft.AspNetCore.Http;

namespace Catalog.Webhooks.Compat;

/// <summary>
/// The compatibility webhook's URL parameters (<c>uuid</c>, <c>event</c>, <c>status</c> or <c>state</c>, <c>note</c>);
/// an empty value counts as absent. The <c>token</c> is read with the other token sources (<c>TokenSources</c>).
/// </summary>
public sealed record CompatQuery(string? Uuid, string? Event, string? Status, string? Note)
{
    public static CompatQuery From(IQueryCollection query) => new(
        Last(query, "uuid"),
        Last(query, "event"),
        Last(query, "status") ?? Last(query, "state"),
        Last(query, "note"));

    // Callback URLs are built by appending (`<webhook>&status=...`), so a repeated parameter means the later one.
    private static string? Last(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[^1]) ? values[^1] : null;
}
