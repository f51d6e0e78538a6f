using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.EventStore;

public enum JobOutcomeKind
{
    /// <summary>Events were appended; <see cref="JobOutcome.Result"/> is the new state.</summary>
    Appended,
    /// <summary>The command changed nothing (e.g. hiding a hidden job).</summary>
    Unchanged,
    /// <summary>The idempotency key was used before with the same payload: the first answer, nothing appended.</summary>
    Replayed,
    /// <summary>The idempotency key was used before with another payload.</summary>
    IdempotencyConflict,
    /// <summary>The decider refused (unknown event, forbidden transition).</summary>
    Rejected,
    /// <summary>No such job, or it is hidden.</summary>
    NotFound,
    /// <summary>The job token is missing or wrong.</summary>
    Unauthorized,
}

/// <summary>What handling a job command came to, with the answer to give: <c>{uuid, state, last_event, version}</c>.</summary>
public sealed record JobOutcome(JobOutcomeKind Kind, JObject? Result = null, JobRejection? Rejection = null, long LastPosition = 0);
