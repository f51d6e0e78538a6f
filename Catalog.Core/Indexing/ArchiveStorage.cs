namespace Catalog.Core.Indexing;

/// <summary>
/// The storage root as the catalog sees it: each archive system is a folder below the root, and an archive path is
/// a path inside that folder. Nothing outside the root is ever read, and symbolic links are never followed, so a
/// link in an archive folder cannot expose a file elsewhere on the host.
/// </summary>
public sealed class ArchiveStorage(string storageRoot)
{
    private static readonly EnumerationOptions Recursive = new()
    {
        RecurseSubdirectories = true,
        IgnoreInaccessible = true,
        // Dot files are outputs too (the default would skip them as hidden); links are skipped, never followed.
        AttributesToSkip = FileAttributes.ReparsePoint,
    };

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(storageRoot)) + Path.DirectorySeparatorChar;

    /// <summary>Whether <paramref name="name"/> is an archive system: a folder directly below the root, not a link.</summary>
    public bool IsSystem(string name) =>
        name.Length is > 0 and <= 255 && name is not "." and not ".." && name.IndexOfAny(['/', '\\', '\0']) < 0
        && new DirectoryInfo(_root + name) is { Exists: true } folder && !folder.Attributes.HasFlag(FileAttributes.ReparsePoint);

    /// <summary>
    /// The real path of the folder of <paramref name="catalogPath"/> on <paramref name="system"/>, or why it cannot be
    /// read: outside the root, through a symbolic link, or missing. python-datacatalog listed through Agave, which
    /// failed for a missing folder; so does this, before the job is touched.
    /// </summary>
    public (string? Directory, string? Problem) ResolveDirectory(string system, string catalogPath)
    {
        var full = Inside(system, catalogPath);
        var outside = $"agave://{system}{catalogPath} is not a folder inside the storage root that can be read without following a link.";
        if (full is null || PassesThroughLink(full))
        {
            return (null, outside);
        }
        if (!Directory.Exists(full))
        {
            return (null, $"Nothing to index at agave://{system}{catalogPath}: the folder does not exist.");
        }
        // Where the folder really is, checked again on its opened handle: the files read later must be inside it.
        return NoFollow.RealFolder(_root) is { } root && NoFollow.RealFolderNotLinked(full) is { } real && NoFollow.IsInside(real, root)
            ? (real, null)
            : (null, outside);
    }

    /// <summary>True when a regular file (not a link, not through one) is at <paramref name="catalogPath"/> on <paramref name="system"/>.</summary>
    public bool FileExists(string system, string catalogPath)
    {
        var full = Inside(system, catalogPath);
        return full is not null && File.Exists(full) && !PassesThroughLink(full);
    }

    /// <summary>
    /// The files below <paramref name="directory"/>, recursively, as catalog paths under <paramref name="catalogPath"/>;
    /// streamed, so a large folder is never held in memory, in the order the file system lists them.
    /// </summary>
    public static IEnumerable<ScannedFile> Scan(string directory, string catalogPath)
    {
        var prefix = catalogPath.TrimEnd('/');
        foreach (var file in Directory.EnumerateFiles(directory, "*", Recursive))
        {
            yield return new ScannedFile(prefix + "/" + Path.GetRelativePath(directory, file), file);
        }
    }

    private string? Inside(string system, string catalogPath)
    {
        if (system.Length == 0 || system is "." or ".." || system.Contains('/') || system.Contains('\\')
            || !catalogPath.StartsWith('/') || catalogPath.Split('/').Any(part => part is "." or ".."))
        {
            return null;
        }
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(_root, system, catalogPath.TrimStart('/'))));
        return full.StartsWith(_root, StringComparison.Ordinal) ? full : null;
    }

    // Each folder from the system folder down to the path itself, checked for a link (the root may be one).
    private bool PassesThroughLink(string full)
    {
        for (var path = full; path.Length > _root.Length; path = Path.GetDirectoryName(path)!)
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            if (info.Exists && info.LinkTarget is not null)
            {
                return true;
            }
        }
        return false;
    }
}
