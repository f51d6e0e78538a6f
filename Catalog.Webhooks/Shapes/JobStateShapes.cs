using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

[Description("A job's state, upper-case as python-datacatalog stores it; CANCELLED is the catalog's own (after `cancel`).")]
[JsonConverter(typeof(JsonStringEnumConverter<JobStateShape>))]
public enum JobStateShape
{
    // From 1: an optional member left unset (0) is left out when an example is written.
    [JsonStringEnumMemberName("CREATED")]
    Created = 1,

    [JsonStringEnumMemberName("RUNNING")]
    Running,

    [JsonStringEnumMemberName("FAILED")]
    Failed,

    [JsonStringEnumMemberName("FINISHED")]
    Finished,

    [JsonStringEnumMemberName("INDEXING")]
    Indexing,

    [JsonStringEnumMemberName("VALIDATING")]
    Validating,

    [JsonStringEnumMemberName("VALIDATED")]
    Validated,

    [JsonStringEnumMemberName("REJECTED")]
    Rejected,

    [JsonStringEnumMemberName("FINALIZED")]
    Finalized,

    [JsonStringEnumMemberName("RETIRED")]
    Retired,

    [JsonStringEnumMemberName("RESET")]
    Reset,

    [JsonStringEnumMemberName("CANCELLED")]
    Cancelled,
}

[Description("A job event, lower-case on the wire; names sent by clients are case-insensitive. The first 15 are python-datacatalog's state-machine triggers; `cancel` moves an active job to CANCELLED (data `{reason?}`); `tag` (`{add?: [tag], remove?: [tag], labels?: {key: value|null}}`), `annotate` (`{notes}`) and `measure` (`{name: number|text, ...}`) record without changing the state, in every state but RESET; `expire` is appended by the catalog itself (actor `system`) when a RUNNING job outlives its `max_wall_time` (→ FAILED), never accepted from callers.")]
[JsonConverter(typeof(JsonStringEnumConverter<JobEventNameShape>))]
public enum JobEventNameShape
{
    // From 1: an optional member left unset (0) is left out when an example is written.
    [JsonStringEnumMemberName("create")]
    Create = 1,

    [JsonStringEnumMemberName("run")]
    Run,

    [JsonStringEnumMemberName("update")]
    Update,

    [JsonStringEnumMemberName("resource")]
    Resource,

    [JsonStringEnumMemberName("fail")]
    Fail,

    [JsonStringEnumMemberName("finish")]
    Finish,

    [JsonStringEnumMemberName("index")]
    Index,

    [JsonStringEnumMemberName("indexed")]
    Indexed,

    [JsonStringEnumMemberName("validate")]
    Validate,

    [JsonStringEnumMemberName("validated")]
    Validated,

    [JsonStringEnumMemberName("reject")]
    Reject,

    [JsonStringEnumMemberName("finalize")]
    Finalize,

    [JsonStringEnumMemberName("retire")]
    Retire,

    [JsonStringEnumMemberName("reset")]
    Reset,

    [JsonStringEnumMemberName("ready")]
    Ready,

    [JsonStringEnumMemberName("cancel")]
    Cancel,

    [JsonStringEnumMemberName("tag")]
    Tag,

    [JsonStringEnumMemberName("annotate")]
    Annotate,

    [JsonStringEnumMemberName("measure")]
    Measure,

    [JsonStringEnumMemberName("expire")]
    Expire,
}
