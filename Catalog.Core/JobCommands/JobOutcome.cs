using Catalog.Core.Jobs;
using Newtonsoft.Json.Linq;

namespace Catalog.Core.JobCommands;

public enum JobOutcomeKind
{
    /// <summary>Events were appended (a job created); <see cref="JobOutcome.Result"/> is the answer.</summary>
    Appended,
    /// <summary>The command changed nothing (hiding a hidden job, creating a job that exists).</summary>
    Unchanged,
    /// <summary>The idempotency key was used before with the same payload: the first answer, nothing appended.</summary>
    Replayed,
    /// <summary>The idempotency key was used before with another payload.</summary>
    IdempotencyConflict,
    /// <summary>The decider refused (unknown event, forbidden transition).</summary>
    Rejected,
    /// <summary>No such job, or it is hidden.</summary>
    NotFound,
    /// <summary>The caller's token is not the job's current one.</summary>
    Unauthorized,
    /// <summary>The database refused what the command carries; nothing was recorded.</summary>
    Unstorable,
}

/// <summary>
/// What handling a job command came to: the answer to give (<c>{uuid, state, last_event, version}</c>), the job's state
/// after it, or why it was refused.
/// </summary>
public sealed record JobOutcome(JobOutcomeKind Kind, JObject? Result = null, JobRejection? Rejection = null, long LastPosition = 0,
    JobState? State = null, string? Problem = null);
