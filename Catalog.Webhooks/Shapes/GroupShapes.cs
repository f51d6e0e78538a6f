using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("A new group. Its UUID (prefix 112) is computed from `name` and `owner`: creating the same group again answers it (200), with another kind is a 409.")]
public sealed class GroupRequestShape
{
    public static GroupRequestShape Example { get; } = new()
    {
        Name = "nightly-qc",
        Kind = GroupKindShape.Sequential,
        Owner = "lab-a",
    };

    [JsonPropertyName("name")]
    [Description("1-128 characters without control characters.")]
    [MinLength(1)]
    [MaxLength(128)]
    public required string Name { get; init; }

    [JsonPropertyName("kind")]
    public required GroupKindShape Kind { get; init; }

    [JsonPropertyName("owner")]
    [Description("Who the group belongs to (1-128 characters).")]
    [MaxLength(128)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Owner { get; init; } = null!;
}

[Description("`sequential`: a member may `run` only after the member before it FINISHED (or moved on from FINISHED; not REJECTED). `parallel`: members run independently.")]
[JsonConverter(typeof(JsonStringEnumConverter<GroupKindShape>))]
public enum GroupKindShape
{
    [JsonStringEnumMemberName("sequential")]
    Sequential,

    [JsonStringEnumMemberName("parallel")]
    Parallel,
}

[Description("Jobs to add to the group, after its members, in this order; jobs already in it keep their place.")]
public sealed class GroupMembersRequestShape
{
    public static GroupMembersRequestShape Example { get; } = new()
    {
        Jobs = ["10776b2c-37b1-5b65-9b2a-d686d198a0fe"],
    };

    [JsonPropertyName("jobs")]
    [Description("1 to 1,000 existing job UUIDs (prefix 107), each once; a job belongs to one group.")]
    [MinLength(1)]
    [MaxLength(1000)]
    public required IReadOnlyList<string> Jobs { get; init; }
}

[Description("A group: its state derived from its members' (CREATED until one starts; RUNNING; FINISHED when all finished; FAILED or CANCELLED when a member failed or was rejected, or was cancelled: at once in a sequential group, once no member is still to run in a parallel one), counts by state, and (for one group) its members in order.")]
public sealed class GroupShape
{
    public static GroupShape Example { get; } = new()
    {
        Uuid = "1125e0a7-3c1d-5f7e-8a8b-5d0f3b1c2e4a",
        Name = "nightly-qc",
        Kind = GroupKindShape.Sequential,
        Owner = "lab-a",
        Created = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc),
        Updated = new DateTime(2026, 12, 3, 10, 0, 1, DateTimeKind.Utc),
        State = JobStateShape.Running,
        MemberCount = 1,
        Counts = new Dictionary<string, int> { ["RUNNING"] = 1 },
        Members = [GroupMemberShape.Example],
    };

    [JsonPropertyName("uuid")]
    [Description("The group UUID (first three digits 112).")]
    [RegularExpression("^112")]
    public required string Uuid { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("kind")]
    public required GroupKindShape Kind { get; init; }

    [JsonPropertyName("owner")]
    public required string? Owner { get; init; }

    [JsonPropertyName("created")]
    public required DateTime Created { get; init; }

    [JsonPropertyName("updated")]
    [Description("The group's last event (creation or members added).")]
    public required DateTime Updated { get; init; }

    [JsonPropertyName("state")]
    public required JobStateShape State { get; init; }

    [JsonPropertyName("member_count")]
    public required int MemberCount { get; init; }

    [JsonPropertyName("counts")]
    [Description("How many members are in each state (states with none are left out).")]
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    [JsonPropertyName("members")]
    [Description("GET of one group only: the members in the order they joined (hidden ones only for admins with `include_deleted=true`).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<GroupMemberShape> Members { get; init; } = null!;
}

public sealed class GroupMemberShape
{
    public static GroupMemberShape Example { get; } = new()
    {
        Position = 1,
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        State = JobStateShape.Running,
        PipelineUuid = "10631951-75c6-5bd9-8320-8edb88bd3a34",
        Updated = new DateTime(2026, 12, 3, 10, 0, 1, DateTimeKind.Utc),
        Deleted = false,
    };

    [JsonPropertyName("position")]
    [Description("1 for the first member.")]
    public required int Position { get; init; }

    [JsonPropertyName("uuid")]
    [RegularExpression("^107")]
    public required string Uuid { get; init; }

    [JsonPropertyName("state")]
    public required JobStateShape State { get; init; }

    [JsonPropertyName("pipeline_uuid")]
    public required string PipelineUuid { get; init; }

    [JsonPropertyName("updated")]
    public required DateTime Updated { get; init; }

    [JsonPropertyName("deleted")]
    public required bool Deleted { get; init; }
}

public sealed class GroupPageShape
{
    public static GroupPageShape Example { get; } = new()
    {
        Items = [GroupShape.Example],
        Next = null,
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<GroupShape> Items { get; init; }

    [JsonPropertyName("next")]
    [Description("The cursor of the next page (pass it as `?after=`), null on the last page.")]
    public required string? Next { get; init; }
}
