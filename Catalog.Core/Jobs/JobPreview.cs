namespace Catalog.Core.Jobs;

/// <summary>What a job body resolves to: its UUID, the text hashed into it, its linkage and its archive path.</summary>
public sealed record JobPreview(string Uuid, string PipelineUuid, string ArchivePath, IReadOnlyList<string> ChildOf, string Linearized, string Session);
