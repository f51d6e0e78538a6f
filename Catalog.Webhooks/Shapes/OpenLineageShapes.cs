using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("An OpenLineage 2-0-2 event (https://openlineage.io/spec/2-0-2/OpenLineage.json): a RunEvent (`run` and `job`), a JobEvent (`job`, no `run`) or a DatasetEvent (`dataset`), checked against the specification's JSON Schema. `eventTime` without a time zone is read as UTC.")]
public sealed class OpenLineageEventShape
{
    public static OpenLineageEventShape Example { get; } = new()
    {
        EventType = "COMPLETE",
        EventTime = "2026-12-03T10:15:00.000Z",
        Producer = "https://github.com/OpenLineage/OpenLineage/tree/1.30.0/integration/airflow",
        SchemaUrl = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
        Run = new JsonObject { ["runId"] = "ea041791-68bc-4ae1-bd89-4c8106a157e4" },
        Job = new JsonObject { ["namespace"] = "airflow-prod", ["name"] = "fcs_qc.gate_cells" },
        Inputs = [new JsonObject { ["namespace"] = "data-sd2e-community", ["name"] = "/uploads/tacc/example/345.txt" }],
        Outputs = [new JsonObject { ["namespace"] = "postgres://db:5432", ["name"] = "qc.gated_cells" }],
    };

    [JsonPropertyName("eventType")]
    [Description("START, RUNNING, COMPLETE, ABORT, FAIL or OTHER (run events; absent is read as OTHER).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string EventType { get; init; } = null!;

    [JsonPropertyName("eventTime")]
    public required string EventTime { get; init; }

    [JsonPropertyName("producer")]
    public required string Producer { get; init; }

    [JsonPropertyName("schemaURL")]
    public required string SchemaUrl { get; init; }

    [JsonPropertyName("run")]
    [Description("`runId` (a UUID) and `facets`; the `parent` facet puts the run's job in its parent run's group.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonObject Run { get; init; } = null!;

    [JsonPropertyName("job")]
    [Description("`namespace`, `name` and `facets`: the pipeline `namespace/name`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonObject Job { get; init; } = null!;

    [JsonPropertyName("inputs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> Inputs { get; init; } = null!;

    [JsonPropertyName("outputs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JsonObject> Outputs { get; init; } = null!;

    [JsonPropertyName("dataset")]
    [Description("DatasetEvent only: `namespace`, `name` and `facets`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonObject Dataset { get; init; } = null!;
}

[Description("What the catalog recorded of an OpenLineage event.")]
public sealed class OpenLineageRecordedShape
{
    public static OpenLineageRecordedShape Example { get; } = new()
    {
        Kind = "run",
        EventType = "COMPLETE",
        RunId = "ea041791-68bc-4ae1-bd89-4c8106a157e4",
        Fingerprint = "3b4c2f0e9d8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c",
        Duplicate = false,
        Note = "Recorded on job 1073f4ff-c2b9-5190-b2c6-5a2e4f0ae5e2.",
        JobUuid = "1073f4ff-c2b9-5190-b2c6-5a2e4f0ae5e2",
        PipelineUuid = "106bd127-e7d2-5ae5-a4b6-3c1f0e4b1f50",
        State = "FINISHED",
        Applied = true,
    };

    [JsonPropertyName("kind")]
    [Description("run, job or dataset.")]
    public required string Kind { get; init; }

    [JsonPropertyName("event_type")]
    public string? EventType { get; init; }

    [JsonPropertyName("run_id")]
    public string? RunId { get; init; }

    [JsonPropertyName("fingerprint")]
    [Description("SHA-256 of the event as received: the same event sent again is recognised by it.")]
    public required string Fingerprint { get; init; }

    [JsonPropertyName("duplicate")]
    [Description("True when the same event was received before: nothing new was recorded.")]
    public required bool Duplicate { get; init; }

    [JsonPropertyName("note")]
    public required string Note { get; init; }

    [JsonPropertyName("job_uuid")]
    [Description("Run events: the catalog job the run is (a typed UUID of the job's namespace, name and the run id).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string JobUuid { get; init; } = null!;

    [JsonPropertyName("pipeline_uuid")]
    [Description("Run and job events: the pipeline the OpenLineage job is registered as (id `namespace/name`).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string PipelineUuid { get; init; } = null!;

    [JsonPropertyName("group_uuid")]
    [Description("Run events with a parent: the group of the parent run's children.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string GroupUuid { get; init; } = null!;

    [JsonPropertyName("dataset_uuid")]
    [Description("Dataset events: the lineage node of the dataset.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string DatasetUuid { get; init; } = null!;

    [JsonPropertyName("state")]
    [Description("Run events: the job's state after the event.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string State { get; init; } = null!;

    [JsonPropertyName("applied")]
    [Description("Run events: whether the event was recorded on the job (false for a late event of a run that is over).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Applied { get; init; }
}

[Description("The answer to a batch, as the OpenLineage API defines it: each event is recorded or refused on its own.")]
public sealed class OpenLineageBatchShape
{
    public static OpenLineageBatchShape Example { get; } = new()
    {
        Status = "partial_success",
        Summary = new OpenLineageBatchSummaryShape { Received = 2, Successful = 1, Failed = 1, Retriable = 0, NonRetriable = 1 },
        FailedEvents = [new OpenLineageFailedEventShape { Index = 1, Reason = "/run/runId: type: Value is \"integer\" but should be \"string\"", Retriable = false }],
        Events = [OpenLineageRecordedShape.Example],
    };

    [JsonPropertyName("status")]
    [Description("success, or partial_success when any event failed.")]
    public required string Status { get; init; }

    [JsonPropertyName("summary")]
    public required OpenLineageBatchSummaryShape Summary { get; init; }

    [JsonPropertyName("failed_events")]
    public required IReadOnlyList<OpenLineageFailedEventShape> FailedEvents { get; init; }

    [JsonPropertyName("events")]
    [Description("What was recorded of each event that succeeded, in order.")]
    public required IReadOnlyList<OpenLineageRecordedShape> Events { get; init; }
}

public sealed class OpenLineageBatchSummaryShape
{
    [JsonPropertyName("received")]
    public required int Received { get; init; }

    [JsonPropertyName("successful")]
    public required int Successful { get; init; }

    [JsonPropertyName("failed")]
    public required int Failed { get; init; }

    [JsonPropertyName("retriable")]
    public required int Retriable { get; init; }

    [JsonPropertyName("non_retriable")]
    public required int NonRetriable { get; init; }
}

public sealed class OpenLineageFailedEventShape
{
    [JsonPropertyName("index")]
    public required int Index { get; init; }

    [JsonPropertyName("reason")]
    public required string Reason { get; init; }

    [JsonPropertyName("retriable")]
    public required bool Retriable { get; init; }
}

[Description("A page of the OpenLineage log, oldest first.")]
public sealed class OpenLineageLogPageShape
{
    public static OpenLineageLogPageShape Example { get; } = new()
    {
        Items =
        [
            new OpenLineageLogEntryShape
            {
                Id = 1,
                Received = new DateTime(2026, 12, 3, 10, 15, 0, 120, DateTimeKind.Utc),
                Actor = "agent:airflow",
                Kind = "run",
                EventType = "COMPLETE",
                EventTime = new DateTime(2026, 12, 3, 10, 15, 0, DateTimeKind.Utc),
                JobUuid = "1073f4ff-c2b9-5190-b2c6-5a2e4f0ae5e2",
                Event = new JsonObject { ["eventType"] = "COMPLETE", ["run"] = new JsonObject { ["runId"] = "ea041791-68bc-4ae1-bd89-4c8106a157e4" } },
            },
        ],
        Next = null,
    };

    [JsonPropertyName("items")]
    public required IReadOnlyList<OpenLineageLogEntryShape> Items { get; init; }

    [JsonPropertyName("next")]
    public required string? Next { get; init; }
}

public sealed class OpenLineageLogEntryShape
{
    [JsonPropertyName("id")]
    public required long Id { get; init; }

    [JsonPropertyName("received")]
    public required DateTime Received { get; init; }

    [JsonPropertyName("actor")]
    public required string Actor { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("event_type")]
    public required string? EventType { get; init; }

    [JsonPropertyName("event_time")]
    public required DateTime EventTime { get; init; }

    [JsonPropertyName("job_uuid")]
    public required string? JobUuid { get; init; }

    [JsonPropertyName("event")]
    [Description("The event as received; for callers without the admin key, facets that may carry environment variables or credentials are replaced by `{\"redacted\": \"shown to admins only\"}`.")]
    public required JsonObject Event { get; init; }
}

[Description("1-1000 OpenLineage events, each recorded or refused on its own.")]
public sealed class OpenLineageEventListShape : List<OpenLineageEventShape>
{
    public static OpenLineageEventListShape Example { get; } = [OpenLineageEventShape.Example];
}
