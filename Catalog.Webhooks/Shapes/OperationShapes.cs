using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

public sealed class HealthShape
{
    public static HealthShape Example { get; } = new()
    {
        Status = HealthStatus.Ok,
    };

    [JsonPropertyName("status")]
    public required HealthStatus Status { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<HealthStatus>))]
public enum HealthStatus
{
    [JsonStringEnumMemberName("ok")]
    Ok,
}

public sealed class ProjectionStatusShape
{
    public static ProjectionStatusShape Example { get; } = new()
    {
        Name = "job_documents_v1",
        Status = ProjectionRunState.Running,
        Position = 8,
        Head = 8,
        Lag = 0,
        RebuildTarget = null,
        RebuildPercent = null,
        LastError = null,
        ErrorPosition = null,
        RebuildPosition = null,
    };

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    public required ProjectionRunState Status { get; init; }

    [JsonPropertyName("position")]
    [Description("Last log position applied to the tables readers use.")]
    public required long Position { get; init; }

    [JsonPropertyName("head")]
    [Description("Last log position committed.")]
    public required long Head { get; init; }

    [JsonPropertyName("lag")]
    public required long Lag { get; init; }

    [JsonPropertyName("rebuild_target")]
    public long? RebuildTarget { get; init; }

    [JsonPropertyName("rebuild_percent")]
    public double? RebuildPercent { get; init; }

    [JsonPropertyName("last_error")]
    public string? LastError { get; init; }

    [JsonPropertyName("error_position")]
    public long? ErrorPosition { get; init; }

    [JsonPropertyName("rebuild_position")]
    [Description("While rebuilding: how far the fresh tables are. Readers keep the live tables (at `position`) until the " +
        "fresh ones are swapped in at the head.")]
    public long? RebuildPosition { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ProjectionRunState>))]
public enum ProjectionRunState
{
    [JsonStringEnumMemberName("running")]
    Running,

    [JsonStringEnumMemberName("rebuilding")]
    Rebuilding,

    [JsonStringEnumMemberName("faulted")]
    Faulted,

    [JsonStringEnumMemberName("paused")]
    Paused,
}

public sealed class ProjectionListShape
{
    public static ProjectionListShape Example { get; } = new()
    {
        Items = [ProjectionStatusShape.Example],
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<ProjectionStatusShape> Items { get; init; }
}

public sealed class RebuildAcceptedShape
{
    public static RebuildAcceptedShape Example { get; } = new()
    {
        Name = "job_documents_v1",
        Status = RebuildStatus.Rebuilding,
        RebuildTarget = 8,
        Progress = "/api/v1/admin/projections",
    };

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("status")]
    public required RebuildStatus Status { get; init; }

    [JsonPropertyName("rebuild_target")]
    [Description("The log head the rebuild replays up to.")]
    public required long RebuildTarget { get; init; }

    [JsonPropertyName("progress")]
    [Description("Where to follow the progress.")]
    public required string Progress { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<RebuildStatus>))]
public enum RebuildStatus
{
    [JsonStringEnumMemberName("rebuilding")]
    Rebuilding,
}
