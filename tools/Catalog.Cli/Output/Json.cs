using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Catalog.Cli.Output;

/// <summary>Reading the fields of the API's answers for display.</summary>
internal static class Json
{
    /// <summary>The field as display text: strings as they are, arrays joined by ", ", objects and numbers as JSON.</summary>
    public static string? Text(JsonNode? node, string field) => Show(node?[field]);

    public static string? Show(JsonNode? value) => value switch
    {
        null => null,
        JsonArray array => string.Join(", ", array.Select(Show)),
        JsonObject => value.ToJsonString(),
        _ when value.GetValueKind() == JsonValueKind.String => (string?)value,
        _ => value.ToJsonString(),
    };

    /// <summary>An ISO time shortened to the second, in UTC ("2026-11-24 02:19:45Z").</summary>
    public static string? Time(JsonNode? node, string field) =>
        Text(node, field) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : Text(node, field);

    /// <summary>A page's items (or the elements of an answer that is an array).</summary>
    public static IEnumerable<JsonNode> Items(JsonNode page) => page is JsonArray array ? array.OfType<JsonNode>() : Array(page, "items");

    public static IEnumerable<JsonNode> Array(JsonNode node, string field) => (node[field] as JsonArray ?? []).OfType<JsonNode>();
}
