using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("Optional body; may be empty.")]
public sealed class AdminEventBodyShape
{
    public static AdminEventBodyShape Example { get; } = new()
    {
        Data = new JsonObject { ["why"] = "operator check" },
    };

    [JsonPropertyName("data")]
    [Description("Recorded with the event.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Data { get; init; }
}

[Description("Optional body; may be empty.")]
public sealed class RerunBodyShape
{
    public static RerunBodyShape Example { get; } = new()
    {
        Reason = "input file was replaced",
    };

    [JsonPropertyName("reason")]
    [Description("Why the job runs again; recorded with the reset and the ready the rerun appends (at most 1,024 characters).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; init; }
}

[Description("Optional body; may be empty.")]
public sealed class ResetBodyShape
{
    public static ResetBodyShape Example { get; } = new()
    {
        Data = new JsonObject { ["why"] = "rerun" },
        ClearArchive = true,
    };

    [JsonPropertyName("data")]
    [Description("Recorded with the reset event.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonObject? Data { get; init; }

    [JsonPropertyName("clear_archive")]
    [Description("Also empty the job's archive directory (only one inside the storage root under /products/v2).")]
    [DefaultValue(false)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ClearArchive { get; init; }
}

public sealed class ResetAnswerShape : EventAnswerMembers
{
    public static ResetAnswerShape Example { get; } = new()
    {
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        State = JobStateShape.Reset,
        LastEvent = JobEventNameShape.Reset,
        Version = 4,
        ArchiveCleared = true,
    };

    [JsonPropertyName("archive_cleared")]
    [Description("Only when `clear_archive` was asked: whether the directory was emptied.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ArchiveCleared { get; init; }

    [JsonPropertyName("archive_note")]
    [Description("Why the archive was not cleared, when it was not.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string ArchiveNote { get; init; } = null!;
}

public sealed class TokenAnswerShape
{
    public static TokenAnswerShape Example { get; } = new()
    {
        Token = "b7abcf80ebb9ec606c0e8e7148d04a02",
    };

    [JsonPropertyName("token")]
    [Description("The new job token; the old one stops working.")]
    public required string Token { get; init; }
}

public sealed class AuditRecordShape
{
    public static AuditRecordShape Example { get; } = new()
    {
        Id = 1,
        At = new DateTime(2026, 11, 24, 2, 19, 45, 929, DateTimeKind.Utc),
        Actor = "admin:86f65e28",
        Action = "purge",
        JobUuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        Detail = new JsonObject { ["events"] = 8 },
    };

    [JsonPropertyName("id")]
    public required long Id { get; init; }

    [JsonPropertyName("at")]
    [Description("When it happened. ISO 8601 UTC with milliseconds.")]
    public required DateTime At { get; init; }

    [JsonPropertyName("actor")]
    [Description("The role and a short fingerprint of the key, never the key.")]
    public required string Actor { get; init; }

    [JsonPropertyName("action")]
    public required string Action { get; init; }

    [JsonPropertyName("job_uuid")]
    [Description("The job acted on.")]
    [RegularExpression("^107")]
    public required string JobUuid { get; init; }

    [JsonPropertyName("detail")]
    public required JsonObject Detail { get; init; }
}

public sealed class AuditPageShape
{
    public static AuditPageShape Example { get; } = new()
    {
        Items =
        [
            new AuditRecordShape
            {
                Id = 1,
                At = new DateTime(2026, 11, 24, 2, 20, 2, 435, DateTimeKind.Utc),
                Actor = "admin:86f65e28",
                Action = "purge",
                JobUuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
                Detail = new JsonObject { ["events"] = 8 },
            },
        ],
        Next = null,
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<AuditRecordShape> Items { get; init; }

    [JsonPropertyName("next")]
    public required string? Next { get; init; }
}

[Description("Which jobs to rerun: every visible job in `state` (any case), optionally of one pipeline and updated after a time.")]
public sealed class BulkRerunRequestShape
{
    public static BulkRerunRequestShape Example { get; } = new()
    {
        State = "FAILED",
        PipelineUuid = "10631951-75c6-5bd9-8320-8edb88bd3a34",
        Reason = "the shared input was fixed",
    };

    [JsonPropertyName("state")]
    [Description("A job state, e.g. FAILED.")]
    public required string State { get; init; }

    [JsonPropertyName("pipeline_uuid")]
    [RegularExpression("^106")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string PipelineUuid { get; init; } = null!;

    [JsonPropertyName("updated_after")]
    [Description("Only jobs whose last event is after this ISO 8601 time.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTime UpdatedAfter { get; init; }

    [JsonPropertyName("reason")]
    [Description("Why (at most 1,024 characters); recorded with every rerun and in the audit log.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Reason { get; init; } = null!;
}

[Description("A bulk operation and its progress.")]
public sealed class OperationShape
{
    public static OperationShape Example { get; } = new()
    {
        Id = "5f0c6a1e-8d5b-4c1f-9a57-3f1f3b0e2d11",
        Kind = "rerun",
        State = "running",
        Filter = new Dictionary<string, string?> { ["state"] = "FAILED", ["pipeline_uuid"] = null, ["updated_after"] = null },
        Reason = "the shared input was fixed",
        Actor = "admin:ops",
        Created = new DateTime(2026, 12, 3, 10, 0, 0, DateTimeKind.Utc),
        Updated = new DateTime(2026, 12, 3, 10, 0, 2, DateTimeKind.Utc),
        Total = 2,
        Done = 1,
        Skipped = 0,
        Percent = 50,
        JobsDone = ["10776b2c-37b1-5b65-9b2a-d686d198a0fe"],
        JobsSkipped = [],
    };

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("state")]
    [Description("`running` or `finished`.")]
    public required string State { get; init; }

    [JsonPropertyName("filter")]
    public required IReadOnlyDictionary<string, string?> Filter { get; init; }

    [JsonPropertyName("reason")]
    public required string? Reason { get; init; }

    [JsonPropertyName("actor")]
    public required string Actor { get; init; }

    [JsonPropertyName("created")]
    public required DateTime Created { get; init; }

    [JsonPropertyName("updated")]
    public required DateTime Updated { get; init; }

    [JsonPropertyName("total")]
    [Description("The jobs found when the operation started.")]
    public required int Total { get; init; }

    [JsonPropertyName("done")]
    public required int Done { get; init; }

    [JsonPropertyName("skipped")]
    public required int Skipped { get; init; }

    [JsonPropertyName("percent")]
    public required double Percent { get; init; }

    [JsonPropertyName("jobs_done")]
    public required IReadOnlyList<string> JobsDone { get; init; }

    [JsonPropertyName("jobs_skipped")]
    public required IReadOnlyList<string> JobsSkipped { get; init; }

    [JsonPropertyName("progress")]
    [Description("In the 202 answer only: where to follow the operation.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Progress { get; init; } = null!;
}
