namespace Catalog.Core.Jobs;

/// <summary>The outcome of <see cref="JobDecider.Decide"/>: events to append (possibly none) or a rejection.</summary>
public sealed record JobDecision(IReadOnlyList<JobEvent> Events, JobRejection? Rejection)
{
    public bool IsRejected => Rejection is not null;

    public static JobDecision Accept(params JobEvent[] events) => new(events, null);

    public static JobDecision Reject(JobRejection rejection) => new([], rejection);
}
