using System.Collections.Immutable;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>
/// A job folded from its events: what the decider needs and everything the job document shows (the document is a
/// rendering of this state, <see cref="Projections.JobDocuments.JobDocument"/>). <see cref="Incarnation"/> is the
/// stream's life since its last purge, given by the store when the stream is loaded, not by an event.
/// </summary>
public sealed record JobState
{
    public static JobState Initial { get; } = new();

    public bool Exists { get; init; }
    public JobSpec? Spec { get; init; }
    public JobStatus Status { get; init; } = JobStatus.Created;
    public string? LastEvent { get; init; }
    public long Version { get; init; }
    public int Incarnation { get; init; }
    public bool Deleted { get; init; }
    public int TokenGeneration { get; init; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; init; }

    /// <summary>The job's tags in the order they were first given, its labels and notes (creation, then tag and annotate).</summary>
    public ImmutableList<string> Tags { get; init; } = [];
    public ImmutableSortedDictionary<string, string> Labels { get; init; } = ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal);
    public string? Notes { get; init; }
    /// <summary>Why the system found the job unable to run (null: not blocked); cleared when it leaves CREATED.</summary>
    public string? BlockedReason { get; init; }
    /// <summary>The group the job belongs to: given at creation or joined later.</summary>
    public string? Group { get; init; }
    /// <summary>What OpenLineage run events reported of the job, merged (null: none).</summary>
    public OpenLineage.OpenLineageReport? OpenLineage { get; init; }
    /// <summary>The latest value of each measurement (the history keeps them all).</summary>
    public ImmutableSortedDictionary<string, JToken> Measurements { get; init; } = ImmutableSortedDictionary.Create<string, JToken>(StringComparer.Ordinal);

    /// <summary>The first <c>run</c> and the first state in which the run is over, since the job was created or readied.</summary>
    public DateTimeOffset? Started { get; init; }
    public DateTimeOffset? Ended { get; init; }
    /// <summary>When the job entered its current state.</summary>
    public DateTimeOffset StateEntered { get; init; }
    /// <summary>Milliseconds spent in each state the job has left, summed over its visits.</summary>
    public ImmutableSortedDictionary<JobStatus, long> StateMilliseconds { get; init; } = ImmutableSortedDictionary<JobStatus, long>.Empty;

    /// <summary>Folds one event into the state. Pure; every event advances the version by one.</summary>
    public static JobState Evolve(JobState state, JobEvent @event)
    {
        var next = @event is JobEvent.FilesIndexed
            ? state with { Version = state.Version + 1 }
            : state with { Version = state.Version + 1, Updated = @event.At };
        return @event switch
        {
            JobEvent.Created created => next with
            {
                Exists = true,
                Spec = created.Spec,
                Status = JobStatus.Created,
                LastEvent = JobEventName.Create.Wire(),
                Created = created.At,
                Tags = [.. created.Spec.Tags.Distinct()],
                Labels = created.Spec.Labels.ToImmutableSortedDictionary(StringComparer.Ordinal),
                Notes = created.Spec.Notes,
                Group = created.Spec.Group,
                StateEntered = created.At,
            },
            JobEvent.Progressed { Name: var name } progressed when JobTransitions.IsAnnotation(name) => Annotate(next, name, progressed.Data),
            JobEvent.Progressed progressed => Move(next, JobTransitions.Next(state.Status, progressed.Name) ?? state.Status, progressed.At) with
            {
                LastEvent = progressed.Name.Wire(),
            },
            JobEvent.FilesIndexed or JobEvent.ArchiveCleared => next,
            JobEvent.Joined joined => next with { Group = joined.Group },
            JobEvent.LineageReported reported => next with { OpenLineage = Catalog.Core.OpenLineage.OpenLineageReport.Merge(state.OpenLineage, reported.Report) },
            JobEvent.Blocked blocked => next with { BlockedReason = blocked.Reason },
            JobEvent.Unblocked => next with { BlockedReason = null },
            JobEvent.Hidden => next with { Deleted = true },
            JobEvent.Restored => next with { Deleted = false },
            JobEvent.TokenRotated rotated => next with { TokenGeneration = rotated.Generation },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown job event"),
        };
    }

    public static JobState Fold(IEnumerable<JobEvent> events) => events.Aggregate(Initial, Evolve);

    // A new state closes the time spent in the one left; readying a reset job starts a new run, so its run times restart.
    private static JobState Move(JobState state, JobStatus to, DateTimeOffset at)
    {
        if (to == state.Status)
        {
            return state;
        }
        // Whole milliseconds, as event times are stored: a fold of the stored events gives the same sums as this one.
        var spent = Math.Max(0, at.ToUnixTimeMilliseconds() - state.StateEntered.ToUnixTimeMilliseconds());
        var renewed = state.Status == JobStatus.Reset && to == JobStatus.Created;
        var started = renewed ? null : state.Started;
        var ended = renewed ? null : state.Ended;
        return state with
        {
            Status = to,
            BlockedReason = to == JobStatus.Created ? state.BlockedReason : null,
            StateEntered = at,
            StateMilliseconds = state.StateMilliseconds.SetItem(state.Status, state.StateMilliseconds.GetValueOrDefault(state.Status) + spent),
            Started = started ?? (to == JobStatus.Running ? at : null),
            Ended = ended ?? (JobTransitions.IsEnded(to) ? at : null),
        };
    }

    // The data was checked when the event was decided (JobEventData); a tag event adds, then removes (removal wins).
    private static JobState Annotate(JobState state, JobEventName name, JToken? data) => (name, data) switch
    {
        (JobEventName.Tag, JObject tag) => state with
        {
            Tags = state.Tags
                .AddRange(Strings(tag["add"]).Where(t => !state.Tags.Contains(t)).Distinct())
                .RemoveAll(t => Strings(tag["remove"]).Contains(t)),
            Labels = (tag["labels"] as JObject)?.Properties().Aggregate(state.Labels, (labels, label) =>
                label.Value.Type == JTokenType.String ? labels.SetItem(label.Name, (string)label.Value!) : labels.Remove(label.Name)) ?? state.Labels,
        },
        (JobEventName.Annotate, JObject notes) => state with { Notes = (string?)notes["notes"] is { Length: > 0 } text ? text : null },
        (JobEventName.Measure, JObject values) => state with
        {
            Measurements = values.Properties().Aggregate(state.Measurements, (all, value) => all.SetItem(value.Name, value.Value.DeepClone())),
        },
        _ => state,
    };

    private static string[] Strings(JToken? token) => token is JArray list ? list.Select(t => (string)t!).ToArray() : [];
}
