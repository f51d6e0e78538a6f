namespace Catalog.Core.Jobs;

/// <summary>What the decider needs to know about a job, folded from its events.</summary>
public sealed record JobState
{
    public static JobState Initial { get; } = new();

    public bool Exists { get; init; }
    public JobSpec? Spec { get; init; }
    public JobStatus Status { get; init; } = JobStatus.Created;
    public string? LastEvent { get; init; }
    public long Version { get; init; }
    public bool Deleted { get; init; }
    public int TokenGeneration { get; init; }

    /// <summary>Folds one event into the state. Pure; every event advances the version by one.</summary>
    public static JobState Evolve(JobState state, JobEvent @event)
    {
        var next = state with { Version = state.Version + 1 };
        return @event switch
        {
            JobEvent.Created created => next with
            {
                Exists = true,
                Spec = created.Spec,
                Status = JobStatus.Created,
                LastEvent = JobEventName.Create.Wire(),
            },
            JobEvent.Progressed progressed => next with
            {
                Status = JobTransitions.Next(state.Status, progressed.Name) ?? state.Status,
                LastEvent = progressed.Name.Wire(),
            },
            JobEvent.FilesIndexed => next,
            JobEvent.Hidden => next with { Deleted = true },
            JobEvent.Restored => next with { Deleted = false },
            JobEvent.TokenRotated rotated => next with { TokenGeneration = rotated.Generation },
            _ => throw new ArgumentOutOfRangeException(nameof(@event), @event.GetType().Name, "unknown job event"),
        };
    }

    public static JobState Fold(IEnumerable<JobEvent> events) => events.Aggregate(Initial, Evolve);
}
