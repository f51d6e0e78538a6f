using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>A fact recorded in a job's stream. Persisted names live in <see cref="JobEventTypes"/>.</summary>
public abstract record JobEvent
{
    private JobEvent()
    {
    }

    public required DateTimeOffset At { get; init; }

    /// <summary>The job came into being with this spec (history entry <c>create</c> with the job's data).</summary>
    public sealed record Created(JobSpec Spec) : JobEvent;

    /// <summary>A state-machine event other than the first <c>create</c> was accepted.</summary>
    public sealed record Progressed(JobEventName Name, string SentName, JToken? Data) : JobEvent;

    /// <summary>Indexing recorded a batch of the job's output files.</summary>
    public sealed record FilesIndexed(IReadOnlyList<IndexedFile> Files) : JobEvent;

    /// <summary>An admin hid the job from queries.</summary>
    public sealed record Hidden(string Actor) : JobEvent;

    /// <summary>An admin made a hidden job visible again.</summary>
    public sealed record Restored(string Actor) : JobEvent;

    /// <summary>An admin's reset emptied the job's archive folder: the files indexed before are gone from storage.</summary>
    public sealed record ArchiveCleared(string Actor, string ArchiveSystem, string ArchivePath) : JobEvent;

    /// <summary>The system found that the job cannot run: a dependency can no longer be met (until that job is reset).</summary>
    public sealed record Blocked(string Reason, IReadOnlyList<UnmetDependency> Unmet) : JobEvent;

    /// <summary>The system found that what blocked the job can be met again.</summary>
    public sealed record Unblocked : JobEvent;

    /// <summary>The job joined a group after its creation.</summary>
    public sealed record Joined(string Group) : JobEvent;

    /// <summary>An OpenLineage run event's report: facets, datasets read and written (the lineage edges it states).</summary>
    public sealed record LineageReported(OpenLineage.OpenLineageReport Report) : JobEvent;

    /// <summary>An admin rotated the job's token; tokens of earlier generations stop working.</summary>
    public sealed record TokenRotated(int Generation, string Actor) : JobEvent;
}
