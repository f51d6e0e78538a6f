using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("A job spec. Members the contract does not know are ignored (the preview reports them in `ignored_fields`).")]
public sealed class JobRequestShape // extra members allowed
{
    public static JobRequestShape Example { get; } = new()
    {
        PipelineUuid = "10631951-75c6-5bd9-8320-8edb88bd3a34",
        Data = new JsonObject { ["inputs"] = new JsonArray("a.fcs") },
        ChildOf = ["10483e8d-6602-532a-8941-176ce20dd05a"],
        MeasurementId = "measurement.tacc.0xDEADBEEF",
        Agent = "https://agent.example/ping",
        Task = "t-1",
    };

    [JsonPropertyName("pipeline_uuid")]
    [Description("The UUID of a registered pipeline (prefix 106).")]
    [RegularExpression("^106")]
    public required string PipelineUuid { get; init; }

    [JsonPropertyName("data")]
    [Description("Free-form parameters; part of the job's identity. NaN and Infinity are refused.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonObject Data { get; init; } = null!;

    [JsonPropertyName("child_of")]
    [Description("Typed UUIDs the job is a child of.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> ChildOf { get; init; } = null!;

    // oneOf: a string or a list of strings, which a C# type cannot say; the schema allows any JSON here.
    [JsonPropertyName("experiment_design_id")]
    [Description("A typed UUID or canonical identifier (e.g. `measurement.tacc.0xDEADBEEF`), or a list of them; at most one " +
        "of experiment_design_id, experiment_id, sample_id, measurement_id may be given.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonNode ExperimentDesignId { get; init; } = null!;

    // oneOf: a string or a list of strings, which a C# type cannot say; the schema allows any JSON here.
    [JsonPropertyName("experiment_id")]
    [Description("A typed UUID or canonical identifier (e.g. `measurement.tacc.0xDEADBEEF`), or a list of them; at most one " +
        "of experiment_design_id, experiment_id, sample_id, measurement_id may be given.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonNode ExperimentId { get; init; } = null!;

    // oneOf: a string or a list of strings, which a C# type cannot say; the schema allows any JSON here.
    [JsonPropertyName("sample_id")]
    [Description("A typed UUID or canonical identifier (e.g. `measurement.tacc.0xDEADBEEF`), or a list of them; at most one " +
        "of experiment_design_id, experiment_id, sample_id, measurement_id may be given.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonNode SampleId { get; init; } = null!;

    // oneOf: a string or a list of strings, which a C# type cannot say; the schema allows any JSON here.
    [JsonPropertyName("measurement_id")]
    [Description("A typed UUID or canonical identifier (e.g. `measurement.tacc.0xDEADBEEF`), or a list of them; at most one " +
        "of experiment_design_id, experiment_id, sample_id, measurement_id may be given.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonNode MeasurementId { get; init; } = null!;

    [JsonPropertyName("archive_path")]
    [Description("Absolute archive path without `.`/`..` segments; computed under `/products/v2` when absent.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string ArchivePath { get; init; } = null!;

    [JsonPropertyName("archive_system")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    [DefaultValue("data-sd2e-community")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string ArchiveSystem { get; init; } = null!;

    [JsonPropertyName("archive_patterns")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> ArchivePatterns { get; init; } = null!;

    [JsonPropertyName("product_patterns")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> ProductPatterns { get; init; } = null!;

    [JsonPropertyName("instanced")]
    [Description("When true, the archive path gets an instance segment so equal specs do not share a job.")]
    [DefaultValue(false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Instanced { get; init; }

    [JsonPropertyName("session")]
    [Description("One path segment (no `/`, `\\`, control characters, not `.` or `..`); generated when absent.")]
    [MaxLength(128)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Session { get; init; } = null!;

    [JsonPropertyName("agent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Agent { get; init; } = null!;

    [JsonPropertyName("task")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Task { get; init; } = null!;

    [JsonPropertyName("inputs")]
    [Description("Input file names or URIs.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> Inputs { get; init; } = null!;

    [JsonPropertyName("owner")]
    [Description("Who the job belongs to (1-128 characters). Not part of the job's UUID, as none of the fields below.")]
    [MaxLength(128)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Owner { get; init; } = null!;

    [JsonPropertyName("notes")]
    [Description("Free text (at most 65,536 characters); `annotate` events replace it.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Notes { get; init; } = null!;

    [JsonPropertyName("tags")]
    [Description("At most 100 tags, each 1-128 characters without control characters.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> Tags { get; init; } = null!;

    [JsonPropertyName("labels")]
    [Description("At most 100 labels {key: value}; keys 1-128 characters without ':', values at most 1,024 characters.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = null!;

    [JsonPropertyName("max_wall_time")]
    [Description("Seconds a run may last (from its first `run`).")]
    [Range(1, 316_224_000)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long MaxWallTime { get; init; }

    [JsonPropertyName("auto_delete")]
    [Description("Hide the job `completion_ttl` seconds after its run is over.")]
    [DefaultValue(false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AutoDelete { get; init; }

    [JsonPropertyName("completion_ttl")]
    [Description("Seconds after the end of the run before an `auto_delete` job is hidden (only with `auto_delete: true`).")]
    [Range(1, 316_224_000)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long CompletionTtl { get; init; }

    [JsonPropertyName("depends_on")]
    [Description("At most 100 jobs (existing, not this one) whose state this job's `run` waits for (409 naming each unmet one until then).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JobDependencyShape> DependsOn { get; init; } = null!;

    [JsonPropertyName("group")]
    [Description("An existing group (prefix 112, from POST /api/v1/groups) the new job joins, after its members; in a sequential group the job's `run` waits until the member before it FINISHED (409 naming it). Not part of the job UUID; a job that exists already keeps its group.")]
    [RegularExpression("^112")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Group { get; init; } = null!;
}

[Description("A dependency: `success` = FINISHED or a state reached from it (INDEXING, VALIDATING, VALIDATED, FINALIZED); `failure` = FAILED; `done` = any of those, CANCELLED, REJECTED or RETIRED; `always` = recorded (a lineage edge), never waited for.")]
public sealed class JobDependencyShape
{
    [JsonPropertyName("job")]
    [Description("The job UUID (prefix 107).")]
    [RegularExpression("^107")]
    public required string Job { get; init; }

    [JsonPropertyName("when")]
    [Description("`success` (the default), `failure`, `done` or `always`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string When { get; init; } = null!;
}

public sealed class JobPreviewShape
{
    public static JobPreviewShape Example { get; } = new()
    {
        Uuid = "10717055-ec8d-5a23-9fc2-2fca5a1da34f",
        ArchivePath = "/products/v2/1063195175c65bd983208edb88bd3a34/VGyWNjVbZ4l22kyQvVPevkX0/PAVpwrObxp5YjYRvrJOd5yVp",
        ChildOf = ["10483e8d-6602-532a-8941-176ce20dd05a"],
        Linearized = "10631951-75c6-5bd9-8320-8edb88bd3a34:['10483e8d-6602-532a-8941-176ce20dd05a']:{}",
        IgnoredFields = ["bogus"],
    };

    [JsonPropertyName("uuid")]
    [Description("The job UUID the spec resolves to (prefix 107).")]
    [RegularExpression("^107")]
    public required string Uuid { get; init; }

    [JsonPropertyName("archive_path")]
    public required string ArchivePath { get; init; }

    [JsonPropertyName("child_of")]
    [Description("The resolved parents (typed UUIDs).")]
    public required IReadOnlyList<string> ChildOf { get; init; }

    [JsonPropertyName("linearized")]
    [Description("The text that was hashed into the UUID.")]
    public required string Linearized { get; init; }

    [JsonPropertyName("ignored_fields")]
    [Description("Top-level members of the body the contract does not know (only when there are any).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> IgnoredFields { get; init; } = null!;
}
