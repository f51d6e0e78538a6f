namespace Catalog.Attacks;

/// <summary>
/// Files for the index targets' archive folders, so hostile patterns are really evaluated against names (a
/// catastrophic pattern only backtracks on a name to match). Possible only when the catalog's storage root is known:
/// CATALOG_STORAGE_ROOT in this process's environment, as the catalog itself reads it. Without it indexing still runs,
/// on empty or missing folders.
/// </summary>
internal sealed class ArchiveFiles(string? storageRoot)
{
    private static readonly string[] Names =
    [
        new string('a', 48) + "!", new string('a', 30) + "b", "run.fcs", "summary.csv", "ünïcödé-ファイル.txt", "space name .txt",
        "x" + new string('y', 200) + ".log", "-leading-dash", ".hidden", "a;b&c|d.txt", "quote'\"name", "tab\tname",
    ];

    private readonly List<(string Path, string Content)> _written = [];

    public bool Available => storageRoot is not null;

    /// <summary>The files <see cref="Populate"/> wrote that are gone or changed: no other job's clearing may touch them.</summary>
    public IReadOnlyList<string> Missing() =>
        _written.Where(f => !File.Exists(f.Path) || File.ReadAllText(f.Path) != f.Content).Select(f => f.Path).ToList();

    public void Populate(string? system, string? archivePath)
    {
        if (storageRoot is null || system is null || archivePath is null)
        {
            return;
        }
        var folder = Path.Combine(storageRoot, system, archivePath.TrimStart('/'));
        Directory.CreateDirectory(folder);
        foreach (var name in Names)
        {
            Write(Path.Combine(folder, name), name);
        }
        Directory.CreateDirectory(Path.Combine(folder, "nested", "deeper"));
        Write(Path.Combine(folder, "nested", "deeper", new string('a', 40) + "!"), "nested");
        // Links out of the storage root: indexing must not follow them (the archive is the folder, not what it points at).
        TryLink(Path.Combine(folder, "escape-link"), "/etc");
        TryLink(Path.Combine(folder, "passwd-link"), "/etc/passwd");
    }

    private void Write(string path, string content)
    {
        File.WriteAllText(path, content);
        _written.Add((path, content));
    }

    private static void TryLink(string path, string target)
    {
        try
        {
            if (!Path.Exists(path))
            {
                File.CreateSymbolicLink(path, target);
            }
        }
        catch (IOException)
        {
            // A file system without links: the names above still exercise the patterns.
        }
    }
}
