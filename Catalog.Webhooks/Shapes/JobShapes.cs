using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

/// <summary>
/// The members of JobSummary, which Job and JobCreated extend (allOf). They are ordered first, as in the allOf
/// (System.Text.Json would write the derived type's own members first).
/// </summary>
public abstract class JobSummaryMembers // extra members allowed
{
    protected JobSummaryMembers()
    {
    }

    /// <summary>The members of <paramref name="job"/>: the examples of Job and JobCreated extend JobSummary's.</summary>
    [SetsRequiredMembers]
    protected JobSummaryMembers(JobSummaryMembers job)
    {
        ArgumentNullException.ThrowIfNull(job);
        (Uuid, PipelineUuid, State, LastEvent, Data) = (job.Uuid, job.PipelineUuid, job.State, job.LastEvent, job.Data);
        (ArchivePath, ArchiveSystem, ArchivePatterns, ProductPatterns) = (job.ArchivePath, job.ArchiveSystem, job.ArchivePatterns, job.ProductPatterns);
        (Session, Agent, Task) = (job.Session, job.Agent, job.Task);
        (ChildOf, GeneratedBy, ActedOn, ActedUsing) = (job.ChildOf, job.GeneratedBy, job.ActedOn, job.ActedUsing);
        (Created, Updated, Version, Deleted) = (job.Created, job.Updated, job.Version, job.Deleted);
    }

    [JsonPropertyName("uuid")]
    [JsonPropertyOrder(-2)]
    [Description("The job UUID (prefix 107).")]
    [RegularExpression("^107")]
    public required string Uuid { get; init; }

    [JsonPropertyName("pipeline_uuid")]
    [JsonPropertyOrder(-2)]
    [Description("The pipeline it runs (prefix 106).")]
    [RegularExpression("^106")]
    public required string PipelineUuid { get; init; }

    [JsonPropertyName("state")]
    [JsonPropertyOrder(-2)]
    public required JobStateShape State { get; init; }

    [JsonPropertyName("last_event")]
    [JsonPropertyOrder(-2)]
    public required JobEventNameShape LastEvent { get; init; }

    [JsonPropertyName("data")]
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonObject Data { get; init; } = null!;

    [JsonPropertyName("archive_path")]
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string ArchivePath { get; init; } = null!;

    [JsonPropertyName("archive_system")]
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string ArchiveSystem { get; init; } = null!;

    [JsonPropertyName("archive_patterns")]
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> ArchivePatterns { get; init; } = null!;

    [JsonPropertyName("product_patterns")]
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> ProductPatterns { get; init; } = null!;

    [JsonPropertyName("session")]
    [JsonPropertyOrder(-2)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Session { get; init; } = null!;

    [JsonPropertyName("agent")]
    [JsonPropertyOrder(-2)]
    public string? Agent { get; init; }

    [JsonPropertyName("task")]
    [JsonPropertyOrder(-2)]
    public string? Task { get; init; }

    [JsonPropertyName("child_of")]
    [JsonPropertyOrder(-2)]
    [Description("Typed UUIDs of its parents.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> ChildOf { get; init; } = null!;

    [JsonPropertyName("generated_by")]
    [JsonPropertyOrder(-2)]
    [Description("Typed UUIDs (the pipeline).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> GeneratedBy { get; init; } = null!;

    [JsonPropertyName("acted_on")]
    [JsonPropertyOrder(-2)]
    [Description("Typed UUIDs.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> ActedOn { get; init; } = null!;

    [JsonPropertyName("acted_using")]
    [JsonPropertyOrder(-2)]
    [Description("Typed UUIDs.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> ActedUsing { get; init; } = null!;

    [JsonPropertyName("created")]
    [JsonPropertyOrder(-2)]
    [Description("Creation time. ISO 8601 UTC with milliseconds.")]
    public required DateTime Created { get; init; }

    [JsonPropertyName("updated")]
    [JsonPropertyOrder(-2)]
    [Description("Time of the last event. ISO 8601 UTC with milliseconds.")]
    public required DateTime Updated { get; init; }

    [JsonPropertyName("version")]
    [JsonPropertyOrder(-2)]
    [Description("The stream version (number of events).")]
    public required long Version { get; init; }

    [JsonPropertyName("deleted")]
    [JsonPropertyOrder(-2)]
    [Description("True when hidden by an admin (only visible with `include_deleted=true`).")]
    public required bool Deleted { get; init; }

    [JsonPropertyName("owner")]
    [JsonPropertyOrder(-1)]
    [Description("Who the job belongs to, as given at creation (null when not given).")]
    public string? Owner { get; init; }

    [JsonPropertyName("notes")]
    [JsonPropertyOrder(-1)]
    [Description("Free text: given at creation, replaced by `annotate` events.")]
    public string? Notes { get; init; }

    [JsonPropertyName("tags")]
    [JsonPropertyOrder(-1)]
    [Description("Tags in the order first given (creation, then `tag` events).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> Tags { get; init; } = null!;

    [JsonPropertyName("labels")]
    [JsonPropertyOrder(-1)]
    [Description("Key-value labels (creation, then `tag` events).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = null!;

    [JsonPropertyName("measurements")]
    [JsonPropertyOrder(-1)]
    [Description("The latest value of each measurement sent with `measure` (the history keeps every one).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonObject Measurements { get; init; } = null!;

    [JsonPropertyName("max_wall_time")]
    [JsonPropertyOrder(-1)]
    [Description("Seconds a run may last, as given at creation.")]
    public long? MaxWallTime { get; init; }

    [JsonPropertyName("auto_delete")]
    [JsonPropertyOrder(-1)]
    [Description("Whether the job is hidden `completion_ttl` seconds after its run is over.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool AutoDelete { get; init; }

    [JsonPropertyName("completion_ttl")]
    [JsonPropertyOrder(-1)]
    [Description("Seconds after the end of its run before an `auto_delete` job is hidden.")]
    public long? CompletionTtl { get; init; }

    [JsonPropertyName("depends_on")]
    [JsonPropertyOrder(-1)]
    [Description("The jobs whose state this job's `run` waits for, as given at creation.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JobDependencyShape> DependsOn { get; init; } = null!;

    [JsonPropertyName("names")]
    [JsonPropertyOrder(-1)]
    [Description("The canonical identifiers the job's linkage was given as (e.g. `measurement.tacc.0x1A2B`), by the UUID each resolved to; lineage labels those nodes with them. Absent for jobs given UUIDs only, and for jobs created before names were recorded.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyDictionary<string, string> Names { get; init; } = null!;

    [JsonPropertyName("blocked")]
    [JsonPropertyOrder(-1)]
    [Description("True when the system found that the job, waiting to run, cannot: a dependency (or the member before it in a sequential group) can no longer be met unless that job is reset. Cleared when it can be met again or the job leaves CREATED.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Blocked { get; init; }

    [JsonPropertyName("blocked_reason")]
    [JsonPropertyOrder(-1)]
    [Description("Why the job is blocked, naming each dependency; null when it is not.")]
    public string? BlockedReason { get; init; }

    [JsonPropertyName("group")]
    [JsonPropertyOrder(-1)]
    [Description("The group the job belongs to (prefix 112), given at creation or joined with POST /api/v1/groups/{uuid}/members; null when none.")]
    public string? Group { get; init; }

    [JsonPropertyName("submitted")]
    [JsonPropertyOrder(-1)]
    [Description("When the job was created. ISO 8601 UTC with milliseconds.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTime Submitted { get; init; }

    [JsonPropertyName("started")]
    [JsonPropertyOrder(-1)]
    [Description("The first `run` since the job was created or readied; null before it.")]
    public DateTime? Started { get; init; }

    [JsonPropertyName("ended")]
    [JsonPropertyOrder(-1)]
    [Description("When the run was first over (FINISHED or a state after it, FAILED, CANCELLED); null before.")]
    public DateTime? Ended { get; init; }

    [JsonPropertyName("state_entered")]
    [JsonPropertyOrder(-1)]
    [Description("When the job entered its current state.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTime StateEntered { get; init; }

    [JsonPropertyName("state_ms")]
    [JsonPropertyOrder(-1)]
    [Description("Milliseconds spent in each state the job has left, by state (the current state's time runs from `state_entered`).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyDictionary<string, long> StateMs { get; init; } = null!;
}

[Description("A job document without its history (as listed).")]
public sealed class JobSummaryShape : JobSummaryMembers // extra members allowed
{
    public static JobSummaryShape Example { get; } = new()
    {
        Uuid = "10776b2c-37b1-5b65-9b2a-d686d198a0fe",
        PipelineUuid = "10631951-75c6-5bd9-8320-8edb88bd3a34",
        State = JobStateShape.Created,
        LastEvent = JobEventNameShape.Create,
        Data = new JsonObject { ["inputs"] = new JsonArray("a.fcs") },
        ArchivePath = "/products/v2/1063195175c65bd983208edb88bd3a34/VGyWNjVbZ4l22kyQvVPevkX0/YlvG51ELgDpG1RWxy4R410ez",
        ArchiveSystem = "data-sd2e-community",
        ArchivePatterns = [],
        ProductPatterns = [],
        Session = "superb-ibex",
        Agent = "https://agent.example/ping",
        Task = "t-1",
        ChildOf = ["10483e8d-6602-532a-8941-176ce20dd05a"],
        GeneratedBy = ["10631951-75c6-5bd9-8320-8edb88bd3a34"],
        ActedOn = [],
        ActedUsing = [],
        Created = new DateTime(2026, 11, 24, 2, 19, 45, 929, DateTimeKind.Utc),
        Updated = new DateTime(2026, 11, 24, 2, 19, 45, 929, DateTimeKind.Utc),
        Version = 1,
        Deleted = false,
    };
}

/// <summary>
/// The members of Job, which JobCreated extends (allOf). They are ordered first, as in the allOf
/// (System.Text.Json would write the derived type's own members first).
/// </summary>
public abstract class JobMembers : JobSummaryMembers // extra members allowed (as in JobSummary)
{
    protected JobMembers()
    {
    }

    [SetsRequiredMembers]
    protected JobMembers(JobSummaryMembers job, IReadOnlyList<HistoryEntryShape> history) : base(job)
    {
        History = history;
    }

    [JsonPropertyName("history")]
    [JsonPropertyOrder(-1)]
    public required IReadOnlyList<HistoryEntryShape> History { get; init; }
}

[Description("The job document with its history.")]
public sealed class JobShape : JobMembers // extra members allowed (as in JobSummary)
{
    public JobShape()
    {
    }

    [SetsRequiredMembers]
    private JobShape(JobSummaryMembers job, IReadOnlyList<HistoryEntryShape> history) : base(job, history)
    {
    }

    public static JobShape Example { get; } = new(JobSummaryShape.Example, [HistoryEntryShape.Example]);
}

[Description("The job document plus the job's `token` (needed to send its events) and `webhook` (the absolute URL of the " +
    "compatibility webhook with `uuid` and `token` filled in).")]
public sealed class JobCreatedShape : JobMembers // extra members allowed (as in JobSummary)
{
    public JobCreatedShape()
    {
    }

    [SetsRequiredMembers]
    private JobCreatedShape(JobMembers job, string token, string webhook) : base(job, job.History)
    {
        Token = token;
        Webhook = webhook;
    }

    public static JobCreatedShape Example { get; } = new(JobShape.Example, "82e572edaee23737bf7301f10714210d",
        "http://catalog.example/api/v1/webhooks/jobs?uuid=10776b2c-37b1-5b65-9b2a-d686d198a0fe&token=82e572edaee23737bf7301f10714210d");

    [JsonPropertyName("token")]
    [Description("The job token.")]
    public required string Token { get; init; }

    [JsonPropertyName("webhook")]
    [Description("POST here (even with no body) to record an event.")]
    public required string Webhook { get; init; }

    [JsonPropertyName("ignored_changes")]
    [Description("With `attached`: the catalog fields (`owner`, `notes`, `tags`, `labels`, `max_wall_time`, `auto_delete`, " +
        "`completion_ttl`) this request gave with values other than the job's, which it did not apply.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> IgnoredChanges { get; init; } = null!;

    [JsonPropertyName("attached")]
    [Description("Present (true) when the job existed: this request changed nothing of it (fields not part of the job's " +
        "identity are not updated).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Attached { get; init; }
}

public sealed class HistoryEntryShape
{
    public static HistoryEntryShape Example { get; } = new()
    {
        Uuid = "108fd3fc-a5d9-5dee-a287-502fdb4f4180",
        Date = new DateTime(2026, 11, 24, 2, 19, 45, 929, DateTimeKind.Utc),
        Name = JobEventNameShape.Create,
        Data = new JsonObject { ["inputs"] = new JsonArray("a.fcs") },
    };

    [JsonPropertyName("uuid")]
    [Description("The event's UUID.")]
    public required string Uuid { get; init; }

    [JsonPropertyName("date")]
    [Description("When the event was recorded. ISO 8601 UTC with milliseconds.")]
    public required DateTime Date { get; init; }

    [JsonPropertyName("name")]
    public required JobEventNameShape Name { get; init; }

    [JsonPropertyName("data")]
    public required JsonObject? Data { get; init; }
}

public sealed class JobPageShape
{
    public static JobPageShape Example { get; } = new()
    {
        Items = [JobSummaryShape.Example],
        Next = null,
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<JobSummaryShape> Items { get; init; }

    [JsonPropertyName("next")]
    [Description("The cursor of the next page (pass it as `?after=`), null on the last page.")]
    public required string? Next { get; init; }
}
