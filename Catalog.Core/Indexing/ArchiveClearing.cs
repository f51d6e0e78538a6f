using System.Runtime.InteropServices;
using static Catalog.Core.Indexing.LinuxCalls;

namespace Catalog.Core.Indexing;

/// <summary>
/// Empties a job's archive folder on reset, but only a real folder strictly below <c>/products/v2</c> of its system
/// folder in the storage root, reached without a symbolic link; python-datacatalog computed that check and then
/// ignored it. Removal goes through open folder descriptors and never follows a link, even if the tree changes
/// meanwhile. Linux only.
/// </summary>
public static class ArchiveClearing
{
    private const int OpenFolder = ReadOnly | FolderOnly | NoFollowLink | CloseOnExec;

    /// <summary>
    /// The real path of the folder to empty, or why it may not be touched: a path not strictly below
    /// <c>/products/v2</c>, a system that is not one folder name, a symbolic link on the way from the system folder
    /// down, or a real path outside the storage root. A folder that does not exist yet resolves (nothing to remove).
    /// </summary>
    public static (string? Directory, string? Refusal) Resolve(string storageRoot, string archiveSystem, string archivePath)
    {
        var parts = archivePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (!archivePath.StartsWith('/') || parts.Length < 3 || parts[0] != "products" || parts[1] != "v2"
            || parts.Any(part => part is "." or ".." || part.Contains('\0')))
        {
            return (null, $"The archive path {archivePath} is not a folder strictly below /products/v2; it is not cleared.");
        }
        if (archiveSystem.Length == 0 || archiveSystem is "." or ".." || archiveSystem.Contains('/') || archiveSystem.Contains('\0'))
        {
            return (null, $"The archive system '{archiveSystem}' is not a folder name; nothing is cleared.");
        }
        if (NoFollow.RealFolder(storageRoot) is not { } root)
        {
            return (null, "The storage root is not a folder that can be opened; nothing is cleared.");
        }
        string[] names = [archiveSystem, .. parts];
        var expected = string.Join('/', [root, .. names]);
        var descriptor = OpenAt(AtCurrentFolder, root, OpenFolder);
        if (descriptor < 0)
        {
            return (null, "The storage root is not a folder that can be opened; nothing is cleared.");
        }
        try
        {
            for (var depth = 0; depth < names.Length; depth++)
            {
                var next = OpenAt(descriptor, names[depth], OpenFolder);
                if (next < 0)
                {
                    var error = LastError;
                    var shown = $"agave://{archiveSystem}/{string.Join('/', names[1..(depth + 1)])}";
                    return error == NoSuchEntry ? (expected, null) : (null, Refusal(error, descriptor, names[depth], shown));
                }
                _ = Close(descriptor);
                descriptor = next;
            }
            return NoFollow.RealPathOf(descriptor) is { } real && real == expected && NoFollow.IsInside(real, root)
                ? (real, null)
                : (null, "The archive folder is not where its path says inside the storage root; it is not cleared.");
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    /// <summary>
    /// Deletes everything inside <paramref name="directory"/> (a real path from <see cref="Resolve"/>), not the folder
    /// itself; answers how many of its entries went (0 when it does not exist). A link inside is removed as a link,
    /// never followed.
    /// </summary>
    /// <exception cref="IOException">
    /// The folder is a link, is no longer at its real path, or something inside changed or could not be removed.
    /// </exception>
    public static int Empty(string directory)
    {
        if (directory.Contains('\0'))
        {
            throw new ArgumentException("A path cannot hold U+0000.", nameof(directory));
        }
        var descriptor = OpenAt(AtCurrentFolder, directory, OpenFolder);
        if (descriptor < 0)
        {
            return LastError switch
            {
                NoSuchEntry => 0,
                TooManyLinks or NotAFolder => throw new IOException($"{directory} is a symbolic link or not a folder; nothing is removed."),
                var error => throw Failure(error, directory),
            };
        }
        try
        {
            var top = Path.TrimEndingDirectorySeparator(directory);
            if (NoFollow.RealPathOf(descriptor) != top)
            {
                throw new IOException($"{directory} is reached through a symbolic link or was moved; nothing is removed.");
            }
            return FolderRemoval.EmptyOpenFolder(descriptor, top);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    // Linux answers "not a folder" for a link opened as a folder without following it, so the entry itself is asked.
    private static string Refusal(int error, int folder, string name, string shown) =>
        StatAt(folder, name, out var status, AtNoFollowLink) == 0 && status.Type == LinkType
            ? $"{shown} is a symbolic link; the archive folder is not cleared."
            : error == NotAFolder
                ? $"{shown} is not a folder; the archive folder is not cleared."
                : $"{shown} cannot be opened ({Marshal.GetPInvokeErrorMessage(error)}); the archive folder is not cleared.";
}
