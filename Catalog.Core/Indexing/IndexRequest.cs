using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Indexing;

/// <summary>
/// One index request (reference §7.2): file-name patterns and what to record for the files they match. An archive
/// request carries a processing level, a product request the references its files were derived from and with.
/// </summary>
public sealed record IndexRequest
{
    /// <summary>python-datacatalog's processing levels.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["0", "1", "2", "3", "Reference", "User", "Unknown"];

    /// <summary>Where the request came from, for messages: <c>filters[0]</c>, <c>archive_patterns[1]</c>.</summary>
    public required string Label { get; init; }
    public required IndexRequestKind Kind { get; init; }
    public IReadOnlyList<string> Patterns { get; init; } = [];
    public string? Level { get; init; }
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];
    public IReadOnlyList<string> DerivedUsing { get; init; } = [];

    /// <summary>
    /// Reads one request object. <c>processing_level</c> stands for <c>level</c> and <c>filters</c> for a missing
    /// <c>patterns</c>; an object with <c>level</c> is an archive request, else one with <c>derived_from</c> a product
    /// request. <paramref name="defaultLevel"/> (the route's <c>level</c>) makes an object with neither an archive
    /// request at that level, where python-datacatalog would refuse it. <c>note</c>, <c>fixity</c> and
    /// <c>generated_by</c> are accepted and ignored, as they were there.
    /// </summary>
    public static (IndexRequest? Request, IReadOnlyList<string> Errors) Parse(JToken item, string label, string? defaultLevel)
    {
        if (item is not JObject json)
        {
            return (null, [$"{label}: must be an object such as {{\"patterns\": [\".txt$\"], \"level\": \"1\"}}, not {JobRequest.Describe(item)}."]);
        }
        var errors = new List<string>();
        var levelKey = json["processing_level"] is { Type: not JTokenType.Null } ? "processing_level" : json.ContainsKey("level") ? "level" : null;
        var patternsKey = json["patterns"] is { Type: not JTokenType.Null } || !json.ContainsKey("filters") ? "patterns" : "filters";
        if (!json.ContainsKey(patternsKey))
        {
            errors.Add($"{label}: missing required key 'patterns' (a list of regular expressions matched against file names).");
        }
        var kind = levelKey is not null || (defaultLevel is not null && !json.ContainsKey("derived_from"))
            ? IndexRequestKind.Archive
            : json.ContainsKey("derived_from") ? IndexRequestKind.Product : (IndexRequestKind?)null;
        if (kind is null)
        {
            errors.Add($"{label}: missing required key 'level' (an archive request) or 'derived_from' (a product request).");
        }
        var request = new IndexRequest
        {
            Label = label,
            Kind = kind ?? IndexRequestKind.Archive,
            Patterns = Strings(json, patternsKey, label, nullIsEmpty: false, errors),
            Level = levelKey is not null ? LevelOf(json[levelKey], $"{label}.{levelKey}", errors)
                : kind == IndexRequestKind.Archive ? defaultLevel : null,
            DerivedFrom = kind == IndexRequestKind.Product ? Strings(json, "derived_from", label, nullIsEmpty: true, errors) : [],
            DerivedUsing = kind == IndexRequestKind.Product ? Strings(json, "derived_using", label, nullIsEmpty: true, errors) : [],
        };
        return errors.Count == 0 ? (request, []) : (null, errors);
    }

    // A processing level: one of Levels (0 to 3 may be numbers); null stays null.
    private static string? LevelOf(JToken? value, string label, List<string> errors)
    {
        var text = value?.Type switch
        {
            null or JTokenType.Null => null,
            JTokenType.Integer when (long)value >= 0 && (long)value <= 3 => ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            JTokenType.String => (string?)value,
            _ => "",
        };
        if (text is not null && !Levels.Contains(text))
        {
            errors.Add($"{label}: must be a processing level ({string.Join(", ", Levels)}) or null, not {Show(value!)}.");
        }
        return text;
    }

    private static string[] Strings(JObject json, string key, string label, bool nullIsEmpty, List<string> errors)
    {
        var value = json[key];
        if (value is null || (nullIsEmpty && value.Type == JTokenType.Null))
        {
            return [];
        }
        if (value is JArray array && array.All(v => v.Type == JTokenType.String))
        {
            return array.Select(v => (string)v!).ToArray();
        }
        errors.Add($"{label}.{key}: must be a list of strings, not {JobRequest.Describe(value)}.");
        return [];
    }

    private static string Show(JToken value) => value.Type == JTokenType.String ? $"'{(string?)value}'" : JobRequest.Describe(value);
}
