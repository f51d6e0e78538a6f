using Catalog.Core.Jobs;

namespace Catalog.Core.Projections.Files;

/// <summary>
/// A file as one job recorded it (a row of <c>file_records</c>): the file, the job, when it was indexed last and at
/// which log position, and when a reset of an archive folder removed it from storage (null while it is there).
/// </summary>
public sealed record FileRow(IndexedFile File, string JobUuid, DateTimeOffset IndexedAt, long Position = 0, DateTimeOffset? RemovedAt = null)
{
    /// <summary>
    /// Indexing again: the later record wins, except that a missing level keeps the earlier one and derived references
    /// accumulate (de-duplicated, sorted), like python-datacatalog's merge and <c>$addToSet</c>.
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
