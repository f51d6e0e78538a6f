using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("One thing the search found, with the field that matched it best.")]
public sealed class SearchHitShape
{
    public static SearchHitShape Example { get; } = new()
    {
        Type = SearchHitType.Job,
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        Label = "FCS QC (FINISHED)",
        Matched = "names",
        Score = 2,
        Href = "/api/v1/jobs/10776b2c-37b1-5b65-9b2a-d686d198a0fe",
    };

    [JsonPropertyName("type")]
    public required SearchHitType Type { get; init; }

    [JsonPropertyName("uuid")]
    public required string Uuid { get; init; }

    [JsonPropertyName("label")]
    [Description("What the thing is known by, as lineage labels it: a job its pipeline's name and state, a file its path in its job's archive folder, a pipeline its name, a dataset its identifier.")]
    public required string? Label { get; init; }

    [JsonPropertyName("matched")]
    [Description("The field that matched best: for a job `uuid`, `names` (the canonical identifiers it was created for), `tags`, `labels`, `notes`, `owner` or `pipeline`; for a file `uuid`, `path` or `file_id`; for a pipeline `uuid`, `name`, `id` or `description`; for a dataset `name`.")]
    public required string Matched { get; init; }

    [JsonPropertyName("score")]
    [Description("2 for an exact identifier (UUID, canonical identifier, file id, path, pipeline id; any case); else the better of the trigram word similarity (0 to 1) and a whole-word match (0.5 to 1.5). Rounded to 6 places.")]
    public required double Score { get; init; }

    [JsonPropertyName("href")]
    [Description("The route that reads it.")]
    public required string Href { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<SearchHitType>))]
public enum SearchHitType
{
    [JsonStringEnumMemberName("job")]
    Job,

    [JsonStringEnumMemberName("file")]
    File,

    [JsonStringEnumMemberName("pipeline")]
    Pipeline,

    [JsonStringEnumMemberName("dataset")]
    Dataset,
}

public sealed class SearchPageShape
{
    public static SearchPageShape Example { get; } = new()
    {
        Items = [SearchHitShape.Example],
        Next = null,
    };

    [JsonPropertyName("items")]
    [Description("The hits, best first (ties by UUID, descending).")]
    public required IReadOnlyList<SearchHitShape> Items { get; init; }

    [JsonPropertyName("next")]
    [Description("The cursor of the next page (pass it as `?after=`), null on the last page.")]
    public required string? Next { get; init; }
}
