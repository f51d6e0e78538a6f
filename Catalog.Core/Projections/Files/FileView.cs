namespace Catalog.Core.Projections.Files;

/// <summary>
/// A row of the <c>files</c> table: the records of one file merged in log order (<see cref="FileRow.Merge"/>), the
/// records of visible jobs only while there is one, with the jobs that produced it.
/// </summary>
public sealed record FileView(FileRow Merged, IReadOnlyList<string> Producers, bool Hidden)
{
    /// <summary>The view of one file's records (each with whether its job is hidden); null when there are none.</summary>
    public static FileView? Of(IReadOnlyList<(FileRow Row, bool Hidden)> records)
    {
        if (records.Count == 0)
        {
            return null;
        }
        var visible = records.Where(r => !r.Hidden).Select(r => r.Row).ToList();
        var chosen = (visible.Count > 0 ? visible : records.Select(r => r.Row)).OrderBy(r => r.Position).ToList();
        var merged = chosen.Skip(1).Aggregate(chosen[0], FileRow.Merge);
        return new FileView(merged, chosen.Select(r => r.JobUuid).Distinct(StringComparer.Ordinal).ToArray(), visible.Count == 0);
    }
}
