using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

public sealed class PipelineRequestShape // extra members allowed
{
    public static PipelineRequestShape Example { get; } = new()
    {
        Id = "demo-pipeline",
        Name = "Demo pipeline",
        Description = "Example",
        Components = [new JsonObject { ["name"] = "step", ["image"] = "sd2e/demo:1.0" }],
    };

    [JsonPropertyName("id")]
    [Description("An optional identifier; it is part of what the pipeline UUID is computed from.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Id { get; init; } = null!;

    [JsonPropertyName("name")]
    [Description("The pipeline's name (non-empty, without U+0000).")]
    [MinLength(1)]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Description { get; init; } = null!;

    [JsonPropertyName("components")]
    [Description("The pipeline's components (objects); with `id` they determine the UUID.")]
    public required IReadOnlyList<JsonObject> Components { get; init; }
}

[Description("The pipeline document as registered, with its computed `uuid` (prefix 106, computed as in python-datacatalog).")]
public sealed class PipelineShape // extra members allowed
{
    public static PipelineShape Example { get; } = new()
    {
        Uuid = "10631951-75c6-5bd9-8320-8edb88bd3a34",
        Id = "demo-pipeline",
        Name = "Demo pipeline",
        Description = "Example",
        Components = [new JsonObject { ["name"] = "step", ["image"] = "sd2e/demo:1.0" }],
    };

    [JsonPropertyName("uuid")]
    [Description("The pipeline UUID (first three digits 106).")]
    [RegularExpression("^106")]
    public required string Uuid { get; init; }

    [JsonPropertyName("id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Id { get; init; } = null!;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Description { get; init; } = null!;

    [JsonPropertyName("components")]
    public required IReadOnlyList<JsonObject> Components { get; init; }
}

public sealed class PipelinePageShape
{
    public static PipelinePageShape Example { get; } = new()
    {
        Items = [PipelineShape.Example],
        Next = null,
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<PipelineShape> Items { get; init; }

    [JsonPropertyName("next")]
    [Description("The cursor of the next page (pass it as `?after=`), null on the last page.")]
    public required string? Next { get; init; }
}
