using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>The member a sequential group's member waits for, in its group, and that member's state.</summary>
public sealed record GroupPredecessor(string Group, string Job, JobStatus State);

/// <summary>What an agent or admin asks of a job. Decided by <see cref="JobDecider"/>.</summary>
public abstract record JobCommand
{
    private JobCommand()
    {
    }

    /// <summary>Why an admin asked (recorded with the action in the audit log).</summary>
    public string? Reason { get; init; }

    /// <summary>Create the job, or attach to it when it already exists.</summary>
    public sealed record Create(JobSpec Spec) : JobCommand;

    /// <summary>A state-machine event by its wire name (case-insensitive), with optional data for the history.</summary>
    public sealed record Send(string Name, JToken? Data) : JobCommand
    {
        /// <summary>
        /// For a <c>run</c> of a job with <c>depends_on</c>: the state of each job it depends on, as their streams fold
        /// (null: no such job), loaded by the command shell before deciding.
        /// </summary>
        public IReadOnlyDictionary<string, JobStatus?> Dependencies { get; init; } = new Dictionary<string, JobStatus?>();

        /// <summary>
        /// For a <c>run</c> of a member of a sequential group: the member before it and its state (loaded by the
        /// command shell from the group's and that job's streams); null when there is none.
        /// </summary>
        public GroupPredecessor? Predecessor { get; init; }
    }

    /// <summary>
    /// An admin's reset (any state → RESET); with <paramref name="ClearArchive"/> the job's archive folder is emptied
    /// after the commit, which the reset records.
    /// </summary>
    public sealed record Reset(JToken? Data, string Actor, bool ClearArchive) : JobCommand;

    /// <summary>An admin's rerun: reset and ready in one decision (any state → CREATED), the reason recorded with both.</summary>
    public sealed record Rerun(string Actor) : JobCommand
    {
        /// <summary>Only a job in this state is rerun (a bulk rerun found it so in a projection); another is left alone.</summary>
        public JobStatus? OnlyIn { get; init; }

        /// <summary>The bulk operation this rerun belongs to, recorded with its events.</summary>
        public string? Operation { get; init; }
    }

    /// <summary>The system's deadline: fail the job if it is RUNNING past its <c>max_wall_time</c>; otherwise nothing.</summary>
    public sealed record Expire : JobCommand;

    /// <summary>The system's retention: hide an <c>auto_delete</c> job <c>completion_ttl</c> after its last event in a terminal state.</summary>
    public sealed record Retain : JobCommand;

    /// <summary>
    /// The system's dependency watch: mark a CREATED job blocked when a dependency (or the member before it in a
    /// sequential group) can no longer be met, and unblock it when it can again; otherwise nothing. The shell loads
    /// the other jobs' states as for a run.
    /// </summary>
    public sealed record CheckBlocked : JobCommand
    {
        public IReadOnlyDictionary<string, JobStatus?> Dependencies { get; init; } = new Dictionary<string, JobStatus?>();
        public GroupPredecessor? Predecessor { get; init; }
    }

    /// <summary>Record that the job joined a group (already listed in the group's stream); a job belongs to one group.</summary>
    public sealed record Join(string Group) : JobCommand;

    /// <summary>Hide the job from queries (reversible).</summary>
    public sealed record Hide(string Actor) : JobCommand;

    /// <summary>Show a hidden job again.</summary>
    public sealed record Restore(string Actor) : JobCommand;

    /// <summary>Record output files found by indexing; only while the job is INDEXING.</summary>
    public sealed record RecordFiles(IReadOnlyList<IndexedFile> Files) : JobCommand;

    /// <summary>
    /// An OpenLineage run event for the job: the state events it implies (<see cref="OpenLineage.OpenLineageMapping.StateEvents"/>)
    /// and its report. <see cref="Fingerprint"/> identifies the event: the command's delivery key.
    /// </summary>
    public sealed record ApplyLineage(OpenLineage.OpenLineageReport Report, string Fingerprint) : JobCommand;

    /// <summary>Invalidate the job's token by moving to the next token generation.</summary>
    public sealed record RotateToken(string Actor) : JobCommand;
}
