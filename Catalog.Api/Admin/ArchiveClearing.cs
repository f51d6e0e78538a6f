namespace Catalog.Api.Admin;

/// <summary>
/// Empties a job's archive directory on reset, but only a directory inside the storage root and under
/// <c>/products/v2</c>; python-datacatalog computed that check and then ignored it.
/// </summary>
public static class ArchiveClearing
{
    /// <summary>The directory to empty, or why it may not be touched.</summary>
    public static (string? Directory, string? Refusal) Resolve(string storageRoot, string archiveSystem, string archivePath)
    {
        var root = Path.GetFullPath(storageRoot).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (!archivePath.StartsWith("/products/v2/", StringComparison.Ordinal) || archivePath.Split('/').Any(p => p is "." or ".."))
        {
            return (null, $"The archive path {archivePath} is not under /products/v2; it is not cleared.");
        }
        var directory = Path.GetFullPath(Path.Combine(root, archiveSystem, archivePath.TrimStart('/')));
        return directory.StartsWith(root, StringComparison.Ordinal)
            ? (directory, null)
            : (null, "The archive directory is outside the storage root; it is not cleared.");
    }

    /// <summary>Deletes everything inside the directory (not the directory itself); returns how many entries went.</summary>
    public static int Empty(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }
        var removed = 0;
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            // A symbolic link is removed as a link; its target, possibly outside the root, is never followed.
            if (entry is DirectoryInfo { LinkTarget: null } folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
            removed++;
        }
        return removed;
    }
}
