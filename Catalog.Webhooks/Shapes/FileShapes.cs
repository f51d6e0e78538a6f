using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("One index request: file-name patterns and what to record for the files they match. With `level` (or " +
    "`processing_level`) it is an archive request; with `derived_from` a product request. `filters` stands for a " +
    "missing `patterns`; `note`, `fixity` and `generated_by` are accepted and ignored.")]
public sealed class IndexFilterShape // extra members allowed
{
    public static IndexFilterShape Example { get; } = new()
    {
        Patterns = [".fcs$"],
        Level = IndexLevel.Level1,
    };

    [JsonPropertyName("patterns")]
    [Description("Regular expressions matched against file names.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> Patterns { get; init; } = null!;

    [JsonPropertyName("level")]
    [Description("Processing level (0 to 3 may be numbers).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IndexLevel? Level { get; init; }

    [JsonPropertyName("processing_level")]
    [Description("Alias of `level`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ProcessingLevel { get; init; }

    [JsonPropertyName("derived_from")]
    [Description("Product request: what the files were derived from (typed UUIDs or identifiers).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> DerivedFrom { get; init; } = null!;

    [JsonPropertyName("derived_using")]
    [Description("Product request: what they were derived with.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> DerivedUsing { get; init; } = null!;
}

[JsonConverter(typeof(JsonStringEnumConverter<IndexLevel>))]
public enum IndexLevel
{
    [JsonStringEnumMemberName("0")]
    Level0,

    [JsonStringEnumMemberName("1")]
    Level1,

    [JsonStringEnumMemberName("2")]
    Level2,

    [JsonStringEnumMemberName("3")]
    Level3,

    [JsonStringEnumMemberName("Reference")]
    Reference,

    [JsonStringEnumMemberName("User")]
    User,

    [JsonStringEnumMemberName("Unknown")]
    Unknown,
}

[Description("Optional body; without `filters` the job's own archive_patterns/product_patterns are used.")]
public sealed class IndexBodyShape
{
    public static IndexBodyShape Example { get; } = new()
    {
        Filters =
        [
            new IndexFilterShape
            {
                Patterns = [".csv$"],
                Level = IndexLevel.Level2,
            },
        ],
        Fixity = true,
        Token = "82e572edaee23737bf7301f10714210d",
    };

    [JsonPropertyName("filters")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<IndexFilterShape>? Filters { get; init; }

    [JsonPropertyName("level")]
    [Description("Default processing level for filters that name none.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Level { get; init; }

    [JsonPropertyName("fixity")]
    [Description("Also record checksums.")]
    [DefaultValue(false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Fixity { get; init; }

    [JsonPropertyName("token")]
    [Description("The job token (alternative to `?token=` and `X-Catalog-Token`).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }
}

[Description("The job's state after `index` … `indexed`, how many files were recorded and the files (at most a first " +
    "batch; `files_truncated` when there are more, all of them at GET /api/v1/jobs/{uuid}/files).")]
public sealed class IndexAnswerShape : EventAnswerMembers
{
    public static IndexAnswerShape Example { get; } = new()
    {
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        State = JobStateShape.Finished,
        LastEvent = JobEventNameShape.Indexed,
        Version = 6,
        Count = 1,
        Files = [FileRecordShape.Example],
    };

    [JsonPropertyName("count")]
    public required long Count { get; init; }

    [JsonPropertyName("files")]
    public required IReadOnlyList<FileRecordShape> Files { get; init; }

    [JsonPropertyName("files_truncated")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool FilesTruncated { get; init; }
}

public sealed class FileRecordShape
{
    public static FileRecordShape Example { get; } = new()
    {
        Uuid = "105e4c2f-8f1d-5a43-9e1b-2b7cbd1c7a10",
        FileId = "file.tacc.1a2b3c",
        Name = "/products/v2/1063195175c65bd983208edb88bd3a34/VGyWNjVbZ4l22kyQvVPevkX0/YlvG51ELgDpG1RWxy4R410ez/output.csv",
        StorageSystem = "data-sd2e-community",
        Level = "2",
        Size = 1024,
        GeneratedBy = ["10776b2c-37b1-5b65-9b2a-d686d198a0fe"],
        ChildOf = ["10776b2c-37b1-5b65-9b2a-d686d198a0fe"],
        DerivedFrom = [],
        DerivedUsing = [],
        RemovedAt = null,
    };

    [JsonPropertyName("uuid")]
    [Description("The file UUID (prefix 105).")]
    [RegularExpression("^105")]
    public required string Uuid { get; init; }

    [JsonPropertyName("file_id")]
    public required string FileId { get; init; }

    [JsonPropertyName("name")]
    [Description("The file's path on its storage system.")]
    public required string Name { get; init; }

    [JsonPropertyName("storage_system")]
    public required string StorageSystem { get; init; }

    [JsonPropertyName("level")]
    [Description("Processing level.")]
    public required string? Level { get; init; }

    [JsonPropertyName("size")]
    public required long? Size { get; init; }

    [JsonPropertyName("checksum")]
    [Description("Only when indexed with `fixity`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Checksum { get; init; } = null!;

    [JsonPropertyName("generated_by")]
    [Description("Every job that indexed this file (jobs sharing an archive folder produce the same files).")]
    public required IReadOnlyList<string> GeneratedBy { get; init; }

    [JsonPropertyName("child_of")]
    [Description("The job that indexed it.")]
    public required IReadOnlyList<string> ChildOf { get; init; }

    [JsonPropertyName("derived_from")]
    [Description("Typed UUIDs.")]
    public required IReadOnlyList<string> DerivedFrom { get; init; }

    [JsonPropertyName("derived_using")]
    [Description("Typed UUIDs.")]
    public required IReadOnlyList<string> DerivedUsing { get; init; }

    [JsonPropertyName("removed_at")]
    [Description("When a reset that cleared its job's archive folder removed the file from storage; null while it is there.")]
    public DateTime? RemovedAt { get; init; }
}

public sealed class FilePageShape
{
    public static FilePageShape Example { get; } = new()
    {
        Items = [FileRecordShape.Example],
        Next = null,
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<FileRecordShape> Items { get; init; }

    [JsonPropertyName("next")]
    [Description("The cursor of the next page (pass it as `?after=`), null on the last page.")]
    public required string? Next { get; init; }
}
