using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

/// <summary>
/// The members of LineageNode, which the items of FileInputList extend (allOf). They are ordered first, as in the allOf
/// (System.Text.Json would write the derived type's own members first).
/// </summary>
public abstract class LineageNodeMembers
{
    [JsonPropertyName("uuid")]
    [JsonPropertyOrder(-1)]
    [Description("The node's typed UUID.")]
    public required string Uuid { get; init; }

    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    [Description("The UUID's type from its prefix (`pipelinejob`, `pipeline`, `file`, `measurement`, `sample`, `experiment`, " +
        "`reference`, ...).")]
    public required string? Type { get; init; }

    [JsonPropertyName("label")]
    [JsonPropertyOrder(-1)]
    [Description("A label where the catalog knows one: a job's pipeline name and state, a file's path in its job's archive folder, a pipeline's name, a group's name and kind, the canonical identifier a job was given for a measurement, sample or experiment.")]
    public required string? Label { get; init; }

    [JsonPropertyName("state")]
    [JsonPropertyOrder(-1)]
    [Description("Jobs only: the job's state.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JobStateShape? State { get; init; }

    [JsonPropertyName("pipeline_uuid")]
    [JsonPropertyOrder(-1)]
    [Description("Jobs only: the job's pipeline.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PipelineUuid { get; init; }

    [JsonPropertyName("pipeline")]
    [JsonPropertyOrder(-1)]
    [Description("Jobs only: the pipeline's name (null when it is not registered).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Pipeline { get; init; }

    [JsonPropertyName("pipeline_id")]
    [JsonPropertyOrder(-1)]
    [Description("Jobs and pipelines: the pipeline's `id` as registered.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PipelineId { get; init; }

    [JsonPropertyName("created")]
    [JsonPropertyOrder(-1)]
    [Description("Jobs only: when the job was created.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? Created { get; init; }

    [JsonPropertyName("name")]
    [JsonPropertyOrder(-1)]
    [Description("Files only: the file's name.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    [JsonPropertyName("path")]
    [JsonPropertyOrder(-1)]
    [Description("Files only: the file's path inside the archive folder of the job that recorded it (the whole path when it lies outside).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Path { get; init; }

    [JsonPropertyName("storage_system")]
    [JsonPropertyOrder(-1)]
    [Description("Files only: the storage system the path is on.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StorageSystem { get; init; }
}

public sealed class LineageNodeShape : LineageNodeMembers
{
    public static LineageNodeShape Example { get; } = new()
    {
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        Type = "pipelinejob",
        Label = "Demo pipeline (RUNNING)",
        State = JobStateShape.Running,
    };
}

[Description("An edge `from → to` reads \"from <relation> to\": a job is `child_of` a measurement, a file is `generated_by` a job, a job `depends_on` another (its run waits for it).")]
public sealed class LineageEdgeShape
{
    public static LineageEdgeShape Example { get; } = new()
    {
        From = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        To = "10483e8d-6602-532a-8941-176ce20dd05a",
        Relation = LineageRelation.ChildOf,
    };

    [JsonPropertyName("from")]
    [Description("The node the relation is stated of.")]
    public required string From { get; init; }

    [JsonPropertyName("to")]
    [Description("The node it points to.")]
    public required string To { get; init; }

    [JsonPropertyName("relation")]
    public required LineageRelation Relation { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LineageRelation>))]
public enum LineageRelation
{
    [JsonStringEnumMemberName("child_of")]
    ChildOf,

    [JsonStringEnumMemberName("generated_by")]
    GeneratedBy,

    [JsonStringEnumMemberName("derived_from")]
    DerivedFrom,

    [JsonStringEnumMemberName("derived_using")]
    DerivedUsing,

    [JsonStringEnumMemberName("acted_on")]
    ActedOn,

    [JsonStringEnumMemberName("acted_using")]
    ActedUsing,

    [JsonStringEnumMemberName("depends_on")]
    DependsOn,

    [JsonStringEnumMemberName("member_of")]
    MemberOf,
}

public sealed class LineageGraphShape
{
    public static LineageGraphShape Example { get; } = new()
    {
        Root = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        Nodes =
        [
            LineageNodeShape.Example,
            new LineageNodeShape
            {
                Uuid = "10483e8d-6602-532a-8941-176ce20dd05a",
                Type = "measurement",
                Label = null,
            },
            new LineageNodeShape
            {
                Uuid = "10631951-75c6-5bd9-8320-8edb88bd3a34",
                Type = "pipeline",
                Label = "Demo pipeline",
            },
        ],
        Edges =
        [
            LineageEdgeShape.Example,
            new LineageEdgeShape
            {
                From = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
                To = "10631951-75c6-5bd9-8320-8edb88bd3a34",
                Relation = LineageRelation.GeneratedBy,
            },
        ],
        Truncated = false,
        Depth = 3,
        Direction = LineageDirection.Both,
    };

    [JsonPropertyName("root")]
    [Description("The resolved UUID of the node asked for.")]
    public required string Root { get; init; }

    [JsonPropertyName("nodes")]
    [Description("The nodes reached, the root first, then level by level.")]
    public required IReadOnlyList<LineageNodeShape> Nodes { get; init; }

    [JsonPropertyName("edges")]
    public required IReadOnlyList<LineageEdgeShape> Edges { get; init; }

    [JsonPropertyName("truncated")]
    [Description("True when the node limit cut the walk short.")]
    public required bool Truncated { get; init; }

    [JsonPropertyName("depth")]
    [Description("The depth walked.")]
    public required long Depth { get; init; }

    [JsonPropertyName("direction")]
    public required LineageDirection Direction { get; init; }

    [JsonPropertyName("as_of")]
    [Description("The time the answer is as of, when `as_of` was asked for.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTime? AsOf { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<LineageDirection>))]
public enum LineageDirection
{
    [JsonStringEnumMemberName("upstream")]
    Upstream,

    [JsonStringEnumMemberName("downstream")]
    Downstream,

    [JsonStringEnumMemberName("both")]
    Both,
}

public sealed class LineageNodeListShape
{
    public static LineageNodeListShape Example { get; } = new()
    {
        Items =
        [
            new LineageNodeShape
            {
                Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
                Type = "pipelinejob",
                Label = "Demo pipeline (FINISHED)",
                State = JobStateShape.Finished,
            },
        ],
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<LineageNodeShape> Items { get; init; }
}

public sealed class FileInputListShape
{
    public static FileInputListShape Example { get; } = new()
    {
        Items =
        [
            new FileInput
            {
                Uuid = "105b0d0c-0f5a-5a1c-9d3e-3f1b7a2c4d5e",
                Type = "file",
                Label = "a.fcs",
                Relation = FileInputRelation.DerivedFrom,
            },
        ],
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<FileInput> Items { get; init; }
}

/// <summary>An item of FileInputList: a LineageNode with its relation (inlined there, as in the allOf).</summary>
public sealed class FileInput : LineageNodeMembers
{
    [JsonPropertyName("relation")]
    public required FileInputRelation Relation { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<FileInputRelation>))]
public enum FileInputRelation
{
    [JsonStringEnumMemberName("derived_from")]
    DerivedFrom,

    [JsonStringEnumMemberName("derived_using")]
    DerivedUsing,
}
