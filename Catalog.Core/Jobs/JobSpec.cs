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
}
