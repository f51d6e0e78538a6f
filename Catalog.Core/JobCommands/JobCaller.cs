using Catalog.Core.Jobs;

namespace Catalog.Core.JobCommands;

/// <summary>
/// Who sends a command, as authorization established it: an admin, or the holder of the token of one incarnation and
/// token generation of the job. A rotation or a purge between that check and the decision makes the holder's command
/// unauthorized, because the decision is taken on the state it checks against.
/// </summary>
public sealed record JobCaller(bool IsAdmin, int Incarnation, int TokenGeneration)
{
    public static JobCaller Admin { get; } = new(true, 0, 0);

    /// <summary>The holder of the job's current token.</summary>
    public static JobCaller TokenHolder(JobState job) => new(false, job.Incarnation, job.TokenGeneration);

    public bool Admits(JobState job) => IsAdmin || (job.Incarnation == Incarnation && job.TokenGeneration == TokenGeneration);
}
