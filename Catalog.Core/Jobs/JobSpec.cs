using Newtonsoft.Json.Linq;

namespace Catalog.Core.Jobs;

/// <summary>
/// Everything that defines a job at creation: identity inputs (pipeline, child_of, data), where its outputs go,
/// how they are indexed, and who created it. Carried whole by the job's first event.
/// </summary>
public sealed record JobSpec
{
    public required string Uuid { get; init; }
    public required string PipelineUuid { get; init; }
    public required JObject Data { get; init; }
    public required IReadOnlyList<string> ChildOf { get; init; }
    public required string ArchivePath { get; init; }
    public required string ArchiveSystem { get; init; }
    public JArray ArchivePatterns { get; init; } = [];
    public JArray ProductPatterns { get; init; } = [];
    public string? Session { get; init; }
    public string? Agent { get; init; }
    public string? Task { get; init; }
    public IReadOnlyList<string> GeneratedBy { get; init; } = [];
    public IReadOnlyList<string> ActedOn { get; init; } = [];
    public IReadOnlyList<string> ActedUsing { get; init; } = [];

    // What a creation may add beyond the reference's fields; none of it is part of the job's UUID.

    /// <summary>Who the job belongs to (free text, e.g. a user or team name).</summary>
    public string? Owner { get; init; }
    /// <summary>The job's first notes, tags and labels; <c>annotate</c> and <c>tag</c> events change them later.</summary>
    public string? Notes { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    /// <summary>Seconds a run may last before the system expires it.</summary>
    public long? MaxWallTime { get; init; }
    /// <summary>Whether the system hides the job <see cref="CompletionTtl"/> seconds after its run is over.</summary>
    public bool AutoDelete { get; init; }
    public long? CompletionTtl { get; init; }
    /// <summary>
    /// The canonical identifiers the job's linkage was given as (e.g. <c>measurement.tacc.0x1A2B</c>), by the UUID each
    /// resolved to, so lineage can show what the scientist typed. Jobs created before this was recorded have none.
    /// </summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    /// <summary>The group the job joined at creation (prefix 112); a sequential group orders its members' runs.</summary>
    public string? Group { get; init; }
    /// <summary>Jobs whose state this job's <c>run</c> waits for.</summary>
    public IReadOnlyList<JobDependency> DependsOn { get; init; } = [];
}
