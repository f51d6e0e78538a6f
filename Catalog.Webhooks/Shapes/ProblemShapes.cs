using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Catalog.Webhooks.Shapes;

/// <summary>
/// The members of Problem, which StateProblem and ValidationProblem extend (allOf). They are ordered first, as in the allOf
/// (System.Text.Json would write the derived type's own members first).
/// </summary>
public abstract class ProblemMembers // extra members allowed
{
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    [Description("A URI naming the kind of problem (the RFC section of the status code).")]
    public required string Type { get; init; }

    [JsonPropertyName("title")]
    [JsonPropertyOrder(-1)]
    [Description("A short summary of the kind of problem.")]
    public required string Title { get; init; }

    [JsonPropertyName("status")]
    [JsonPropertyOrder(-1)]
    [Description("The HTTP status code.")]
    public required long Status { get; init; }

    [JsonPropertyName("detail")]
    [JsonPropertyOrder(-1)]
    [Description("What went wrong with this request and how to fix it.")]
    public required string Detail { get; init; }

    [JsonPropertyName("traceId")]
    [JsonPropertyOrder(-1)]
    [Description("The W3C trace id of the request, for the server's logs.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string TraceId { get; init; } = null!;
}

[Description("An RFC 9457 problem document (`application/problem+json`). Every error the catalog answers has this shape; " +
    "some add members (`errors`, `state`, `allowed_events`).")]
public sealed class ProblemShape : ProblemMembers // extra members allowed
{
    public static ProblemShape Example { get; } = new()
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        Title = "Not found",
        Status = 404,
        Detail = "No job 10776b2c-37b1-5b65-9b2a-d686d198a0fe.",
        TraceId = "00-8eaee1d06cc671e788d7599bf8e5be76-da65b1cec8b3d2e0-00",
    };
}

[Description("A 422 problem: the request is well-formed HTTP but its content cannot be processed; `errors` lists every " +
    "field to fix, each message naming its field.")]
public sealed class ValidationProblemShape : ProblemMembers // extra members allowed (as in Problem)
{
    public static ValidationProblemShape Example { get; } = new()
    {
        Type = "https://tools.ietf.org/html/rfc4918#section-11.2",
        Title = "The request cannot be processed",
        Status = 422,
        Detail = "The pipeline is malformed.",
        TraceId = "00-8eaee1d06cc671e788d7599bf8e5be76-da65b1cec8b3d2e0-00",
        Errors = ["name: required, a non-empty string.", "components: required, a list of objects."],
        Field = "data.note",
    };

    [JsonPropertyName("errors")]
    [Description("Every problem found, each naming its field or parameter.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string> Errors { get; init; } = null!;

    [JsonPropertyName("field")]
    [Description("Text that cannot be stored only (U+0000 or a lone surrogate in a string, property name or query parameter): " +
        "where it is, as a JSON path of the body (`data.files[0].path`, `a property name in data`) or the query " +
        "parameter's name; also when a paging cursor was not handed out by this list, `after` is named in `errors`.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public string Field { get; init; } = null!;

    [JsonPropertyName("state")]
    [Description("Unknown event only: the job's current state.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JobStateShape State { get; init; }

    [JsonPropertyName("allowed_events")]
    [Description("Unknown event only: the events the job accepts in its current state.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JobEventNameShape> AllowedEvents { get; init; } = null!;
}

[Description("A 409 problem. When the state machine forbids the event, `state` is the job's current state and " +
    "`allowed_events` the events it accepts there; when an `event_id`/`Idempotency-Key` was reused with a " +
    "different payload, neither member is present.")]
public sealed class StateProblemShape : ProblemMembers // extra members allowed (as in Problem)
{
    public static StateProblemShape Example { get; } = new()
    {
        Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        Title = "Conflict",
        Status = 409,
        Detail = "Event 'validated' is not allowed in state RUNNING. Allowed: run, update, resource, fail, finish, reset.",
        TraceId = "00-8eaee1d06cc671e788d7599bf8e5be76-da65b1cec8b3d2e0-00",
        State = JobStateShape.Running,
        AllowedEvents =
        [
            JobEventNameShape.Run,
            JobEventNameShape.Update,
            JobEventNameShape.Resource,
            JobEventNameShape.Fail,
            JobEventNameShape.Finish,
            JobEventNameShape.Reset,
        ],
    };

    [JsonPropertyName("state")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JobStateShape State { get; init; }

    [JsonPropertyName("allowed_events")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<JobEventNameShape> AllowedEvents { get; init; } = null!;
}
