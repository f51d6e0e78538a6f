namespace Catalog.Core.Projections;

/// <summary>
/// Which copy of a projection's tables a batch writes: the live tables readers query, or the fresh ones a rebuild
/// fills beside them until they are swapped in.
/// </summary>
public sealed record ProjectionTables(string Suffix)
{
    public static ProjectionTables Live { get; } = new("");

    public static ProjectionTables Next { get; } = new("_next");

    /// <summary>The name of <paramref name="table"/> in this copy.</summary>
    public string this[string table] => table + Suffix;
}
