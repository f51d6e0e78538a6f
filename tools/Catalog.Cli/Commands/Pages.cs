using System.Text.Json.Nodes;
using Catalog.Cli.Http;
using Catalog.Cli.Output;

namespace Catalog.Cli.Commands;

/// <summary>Lists read page by page with the API's <c>next</c> cursor.</summary>
internal static class Pages
{
    /// <summary>
    /// Reads the first page (or, with <paramref name="all"/>, every page) of <paramref name="path"/>; prints the API's
    /// JSON with <c>--json</c> (the pages' items joined into one page with <c>--all</c>), else hands the items to
    /// <paramref name="show"/>.
    /// </summary>
    public static async Task<int> ShowAsync(Invocation invocation, string path, int? limit, bool all, string what,
        Func<IReadOnlyList<JsonNode>, Task> show)
    {
        var first = await invocation.Client.GetAsync(Route.With(path, ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            invocation.CancellationToken);
        var items = Json.Items(first.Body).ToList();
        var next = Json.Text(first.Body, "next");
        while (all && next is not null)
        {
            var page = await invocation.Client.GetAsync(Route.With(path,
                ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("after", next)), invocation.CancellationToken);
            items.AddRange(Json.Items(page.Body));
            next = Json.Text(page.Body, "next");
        }
        if (invocation.Json)
        {
            if (all)
            {
                Screen.Raw(new JsonObject { ["items"] = new JsonArray(items.Select(i => i.DeepClone()).ToArray()), ["next"] = null });
            }
            else
            {
                Screen.Raw(first.Text);
            }
            return ExitCodes.Ok;
        }
        if (items.Count == 0)
        {
            Screen.Note($"no {what}");
            return ExitCodes.Ok;
        }
        await show(items);
        if (next is not null)
        {
            Screen.Note($"{items.Count} {what} shown; there are more (--all shows every page)");
        }
        return ExitCodes.Ok;
    }
}
