using System.Collections.ObjectModel;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

/// <summary>
/// The members of JobEventMessage, which CompatEventMessage extends (allOf). They are ordered first, as in the allOf
/// (System.Text.Json would write the derived type's own members first).
/// </summary>
public abstract class JobEventMessageMembers // extra members allowed
{
    [JsonPropertyName("name")]
    [JsonPropertyOrder(-1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JobEventNameShape Name { get; init; }

    [JsonPropertyName("event")]
    [JsonPropertyOrder(-1)]
    [Description("Alias of `name`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Event { get; init; } = null!;

    [JsonPropertyName("data")]
    [JsonPropertyOrder(-1)]
    [Description("Recorded with the event; NaN and Infinity are refused.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Data { get; init; }

    [JsonPropertyName("token")]
    [JsonPropertyOrder(-1)]
    [Description("The job token given at creation.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    [JsonPropertyName("event_id")]
    [JsonPropertyOrder(-1)]
    [Description("Makes the send idempotent (like the `Idempotency-Key` header). Valid Unicode without U+0000 (stored as " +
        "text); otherwise a 422.")]
    [MinLength(1)]
    [MaxLength(200)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EventId { get; init; }
}

[Description("An agent's event. `event` is accepted in place of `name`; the token may also come as `?token=` or `X-Catalog-Token`.")]
public sealed class JobEventMessageShape : JobEventMessageMembers // extra members allowed
{
    public static JobEventMessageShape Example { get; } = new()
    {
        Name = JobEventNameShape.Run,
        Data = new JsonObject { ["pct"] = 10 },
        Token = "82e572edaee23737bf7301f10714210d",
        EventId = "run-1",
    };
}

[Description("An event message as the compatibility webhook reads it: `uuid` may name the job (else `?uuid=`); " +
    "`name`/`event` may be left to `?event=`/`?status=`, `data` to `?note=`.")]
public sealed class CompatEventMessageShape : JobEventMessageMembers // extra members allowed (as in JobEventMessage)
{
    public static CompatEventMessageShape Example { get; } = new()
    {
        Name = JobEventNameShape.Update,
        Data = new JsonObject { ["pct"] = 50 },
        Token = "82e572edaee23737bf7301f10714210d",
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
    };

    [JsonPropertyName("uuid")]
    [Description("The job UUID (prefix 107).")]
    [RegularExpression("^107")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Uuid { get; init; } = null!;
}

[Description("An Agave/Aloe job record posted as a notification. Its `status` (or the URL's `status`, which wins) becomes " +
    "an event by python-datacatalog's table (RUNNING→run, FINISHED→finish, " +
    "FAILED/STOPPED/ARCHIVING_FAILED/DELETED→fail, HEARTBEAT/UPDATED/KILLED→update, other known " +
    "statuses→resource; unknown statuses→update). The job UUID and token come from the URL.")]
public sealed class AloeNotificationShape // extra members allowed
{
    public static AloeNotificationShape Example { get; } = new()
    {
        AppId = "demo-app-0.1.0",
        ExecutionSystem = "hpc.example",
        Owner = "sd2eadm",
        ArchivePath = "/products/v2/x",
        ArchiveSystem = "data-sd2e-community",
        Status = "FINISHED",
        TenantId = "sd2e",
        TenantQueue = "aloe.jobq.sd2e.DefaultQueue",
        History = [new JsonObject { ["status"] = "FINISHED", ["description"] = "Job completed." }],
    };

    [JsonPropertyName("appId")]
    public required string AppId { get; init; }

    [JsonPropertyName("executionSystem")]
    public required string ExecutionSystem { get; init; }

    [JsonPropertyName("owner")]
    public required string Owner { get; init; }

    [JsonPropertyName("archivePath")]
    public required string ArchivePath { get; init; }

    [JsonPropertyName("archiveSystem")]
    public required string ArchiveSystem { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("tenantId")]
    public required string TenantId { get; init; }

    [JsonPropertyName("tenantQueue")]
    public required string TenantQueue { get; init; }

    [JsonPropertyName("history")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> History { get; init; } = null!;
}

/// <summary>
/// The members of EventAnswer, which IndexAnswer and ResetAnswer extend (allOf). They are ordered first, as in the allOf
/// (System.Text.Json would write the derived type's own members first).
/// </summary>
public abstract class EventAnswerMembers
{
    [JsonPropertyName("uuid")]
    [JsonPropertyOrder(-1)]
    [Description("The job UUID.")]
    [RegularExpression("^107")]
    public required string Uuid { get; init; }

    [JsonPropertyName("state")]
    [JsonPropertyOrder(-1)]
    public required JobStateShape State { get; init; }

    [JsonPropertyName("last_event")]
    [JsonPropertyOrder(-1)]
    public required JobEventNameShape LastEvent { get; init; }

    [JsonPropertyName("version")]
    [JsonPropertyOrder(-1)]
    public required long Version { get; init; }
}

public sealed class EventAnswerShape : EventAnswerMembers
{
    public static EventAnswerShape Example { get; } = new()
    {
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        State = JobStateShape.Running,
        LastEvent = JobEventNameShape.Run,
        Version = 2,
    };
}

public sealed class StreamEventShape
{
    public static StreamEventShape Example { get; } = new()
    {
        Position = 2,
        Version = 2,
        Uuid = "108416c1-3378-51ef-b5e6-ac0b705ef0c5",
        Name = "run",
        Type = "job.started.v1",
        Date = new DateTime(2026, 11, 24, 2, 19, 45, 929, DateTimeKind.Utc),
        Data = new JsonObject { ["name"] = "run", ["data"] = new JsonObject { ["pct"] = 10 } },
    };

    [JsonPropertyName("position")]
    [Description("Position in the global log.")]
    public required long Position { get; init; }

    [JsonPropertyName("version")]
    [Description("Version within the job's stream (1 = creation).")]
    public required long Version { get; init; }

    [JsonPropertyName("uuid")]
    [Description("The event's UUID.")]
    public required string Uuid { get; init; }

    [JsonPropertyName("name")]
    [Description("The event's name: the state-machine event (create, run, finish, ..., cancel, tag, annotate, measure, expire) or " +
        "the admin action (delete, undelete, rotate_token); files_indexed for recorded outputs; join_group when the job joined a " +
        "group after its creation; block and unblock when the system found a dependency unmeetable or meetable again.")]
    public required string Name { get; init; }

    [JsonPropertyName("type")]
    [Description("The stored, versioned event type.")]
    public required string Type { get; init; }

    [JsonPropertyName("date")]
    [Description("When the event was recorded. ISO 8601 UTC with milliseconds.")]
    public required DateTime Date { get; init; }

    [JsonPropertyName("data")]
    public required JsonObject Data { get; init; }
}

public sealed class JobEventStreamShape : Collection<StreamEventShape>
{
    public static JobEventStreamShape Example { get; } =
    [
        new StreamEventShape
        {
            Position = 1,
            Version = 1,
            Uuid = "108fd3fc-a5d9-5dee-a287-502fdb4f4180",
            Name = "create",
            Type = "job.created.v1",
            Date = new DateTime(2026, 11, 24, 2, 19, 45, 929, DateTimeKind.Utc),
            Data = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["uuid"] = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
                    ["pipeline_uuid"] = "10631951-75c6-5bd9-8320-8edb88bd3a34",
                },
            },
        },
        new StreamEventShape
        {
            Position = 2,
            Version = 2,
            Uuid = "108416c1-3378-51ef-b5e6-ac0b705ef0c5",
            Name = "run",
            Type = "job.started.v1",
            Date = new DateTime(2026, 11, 24, 2, 19, 52, 13, DateTimeKind.Utc),
            Data = new JsonObject { ["name"] = "run", ["data"] = new JsonObject { ["pct"] = 10 } },
        },
    ];
}
