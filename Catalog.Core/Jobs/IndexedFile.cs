namespace Catalog.Core.Jobs;

/// <summary>
/// One output file recorded by indexing: its identifiers as python-datacatalog computes them, where it lives, and,
/// for products, the files and references it was derived from and with.
/// </summary>
public sealed record IndexedFile
{
    public required string Uuid { get; init; }
    public required string FileId { get; init; }
    public required string Name { get; init; }
    public required string StorageSystem { get; init; }
    public string? Level { get; init; }
    public long Size { get; init; }
    public string? Checksum { get; init; }
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];
    public IReadOnlyList<string> DerivedUsing { get; init; } = [];
}
