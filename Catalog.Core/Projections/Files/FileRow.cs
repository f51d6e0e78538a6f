using Catalog.Core.Jobs;

namespace Catalog.Core.Projections.Files;

/// <summary>One row of the <c>files</c> table: the file, the job that indexed it last, and when.</summary>
public sealed record FileRow(IndexedFile File, string JobUuid, DateTimeOffset IndexedAt)
{
    /// <summary>
    /// Re-indexing, as the table's upsert does it: the later record wins, except that a missing level keeps the
    /// earlier one and derived references accumulate (de-duplicated, sorted), like python-datacatalog's merge and
    /// <c>$addToSet</c>.
    /// </summary>
    public static FileRow Merge(FileRow earlier, FileRow later) => later with
    {
        File = later.File with
        {
            Level = later.File.Level ?? earlier.File.Level,
            DerivedFrom = Union(earlier.File.DerivedFrom, later.File.DerivedFrom),
            DerivedUsing = Union(earlier.File.DerivedUsing, later.File.DerivedUsing),
        },
    };

    private static string[] Union(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Concat(b).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
}
