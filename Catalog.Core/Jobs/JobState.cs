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
            },
            JobEvent.Progressed progressed => next with
            {
                Status = JobTransitions.Next(state.Status, progressed.Name) ?? state.Status,
                LastEvent = progressed.Name.Wire(),
            },
            JobEvent.FilesIndexed or JobEvent.ArchiveCleared => next,
            JobEvent.Hidden => next with { Deleted = true },
            JobEvent.Restored => next with { Deleted = false },
            JobEvent.TokenRotated rotated => next with { TokenGeneration = rotated.Generation },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown job event"),
        };
    }

    public static JobState Fold(IEnumerable<JobEvent> events) => events.Aggregate(Initial, Evolve);
}
