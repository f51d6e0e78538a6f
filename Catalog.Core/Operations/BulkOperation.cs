using System.Collections.Immutable;
using Catalog.Core.Identifiers;
using Catalog.Core.Jobs;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Operations;

/// <summary>A fact recorded in a bulk operation's stream.</summary>
public abstract record OperationEvent
{
    private OperationEvent()
    {
    }

    public required DateTimeOffset At { get; init; }

    /// <summary>The operation was asked for: what it does, to which jobs (found when it started), by whom and why.</summary>
    public sealed record Started(string Kind, JObject Filter, string? Reason, string Actor, IReadOnlyList<string> Jobs) : OperationEvent;

    /// <summary>Some of its jobs were done (their command recorded) or skipped (they had moved on, or were hidden).</summary>
    public sealed record Progressed(IReadOnlyList<string> Done, IReadOnlyList<string> Skipped) : OperationEvent;

    /// <summary>Every job was looked at.</summary>
    public sealed record Finished : OperationEvent;
}

/// <summary>A bulk operation folded from its stream.</summary>
public sealed record OperationState
{
    public static OperationState Initial { get; } = new();

    public bool Exists { get; init; }
    public string Kind { get; init; } = "";
    public JObject Filter { get; init; } = [];
    public string? Reason { get; init; }
    public string Actor { get; init; } = "";
    public ImmutableList<string> Jobs { get; init; } = [];
    public ImmutableHashSet<string> Done { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    public ImmutableHashSet<string> Skipped { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);
    public bool Finished { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; init; }
    public long Version { get; init; }
    public int Incarnation { get; init; }

    /// <summary>The jobs not looked at yet, in the order found.</summary>
    public IEnumerable<string> Remaining => Jobs.Where(j => !Done.Contains(j) && !Skipped.Contains(j));

    public static OperationState Evolve(OperationState state, OperationEvent @event)
    {
        var next = state with { Version = state.Version + 1, Updated = @event.At };
        return @event switch
        {
            OperationEvent.Started started => next with
            {
                Exists = true, Kind = started.Kind, Filter = started.Filter, Reason = started.Reason, Actor = started.Actor,
                Jobs = [.. started.Jobs], Created = started.At,
            },
            OperationEvent.Progressed progressed => next with
            {
                Done = next.Done.Union(progressed.Done), Skipped = next.Skipped.Union(progressed.Skipped.Where(j => !progressed.Done.Contains(j))),
            },
            OperationEvent.Finished => next with { Finished = true },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown operation event"),
        };
    }

    /// <summary><c>{id, kind, state, filter, reason, actor, created, updated, total, done, skipped, percent, jobs_done, jobs_skipped}</c>.</summary>
    public JObject ToJson(string id) => new()
    {
        ["id"] = id,
        ["kind"] = Kind,
        ["state"] = Finished ? "finished" : "running",
        ["filter"] = Filter.DeepClone(),
        ["reason"] = Reason,
        ["actor"] = Actor,
        ["created"] = JobEventJson.FormatTime(Created),
        ["updated"] = JobEventJson.FormatTime(Updated),
        ["total"] = Jobs.Count,
        ["done"] = Done.Count,
        ["skipped"] = Skipped.Count,
        ["percent"] = Jobs.Count == 0 ? 100 : Math.Round(100.0 * (Done.Count + Skipped.Count) / Jobs.Count, 1),
        ["jobs_done"] = new JArray(Jobs.Where(Done.Contains)),
        ["jobs_skipped"] = new JArray(Jobs.Where(Skipped.Contains)),
    };
}

/// <summary>The persisted names and JSON bodies of operation events.</summary>
public static class OperationEventJson
{
    public const string Started = "operation.started.v1";
    public const string Progressed = "operation.progressed.v1";
    public const string Finished = "operation.finished.v1";

    public static string TypeOf(OperationEvent @event) => @event switch
    {
        OperationEvent.Started => Started,
        OperationEvent.Progressed => Progressed,
        OperationEvent.Finished => Finished,
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown operation event"),
    };

    public static string Serialize(OperationEvent @event)
    {
        var body = @event switch
        {
            OperationEvent.Started started => new JObject
            {
                ["kind"] = started.Kind, ["filter"] = started.Filter.DeepClone(), ["reason"] = started.Reason, ["actor"] = started.Actor,
                ["jobs"] = new JArray(started.Jobs),
            },
            OperationEvent.Progressed progressed => new JObject { ["done"] = new JArray(progressed.Done), ["skipped"] = new JArray(progressed.Skipped) },
            OperationEvent.Finished => [],
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown operation event"),
        };
        body["at"] = JobEventJson.FormatTime(@event.At);
        return body.ToString(Formatting.None);
    }

    public static OperationEvent Deserialize(string type, string json)
    {
        var body = (JObject)PythonJson.Parse(json);
        var at = JobEventJson.ParseTime(body["at"]);
        return type switch
        {
            Started => new OperationEvent.Started((string)body["kind"]!, (JObject)body["filter"]!, (string?)body["reason"], (string)body["actor"]!,
                Strings(body["jobs"])) { At = at },
            Progressed => new OperationEvent.Progressed(Strings(body["done"]), Strings(body["skipped"])) { At = at },
            Finished => new OperationEvent.Finished { At = at },
            _ => throw new InvalidDataException($"Unknown operation event type '{type}'."),
        };
    }

    private static string[] Strings(JToken? token) => token is JArray list ? list.Select(t => (string)t!).ToArray() : [];
}
