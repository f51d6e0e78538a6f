using Microsoft.Win32.SafeHandles;
using static Catalog.Core.Indexing.LinuxCalls;

namespace Catalog.Core.Indexing;

/// <summary>
/// Opening files and folders of the storage root without following symbolic links, and knowing where an opened
/// handle really is (<c>/proc/self/fd/N</c>), so that what is read or removed is what was checked even if the tree
/// changes meanwhile. Linux only.
/// </summary>
public static class NoFollow
{
    private static readonly EnumerationOptions Listing = new()
    {
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        RecurseSubdirectories = false,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// The real path of the folder at <paramref name="path"/>, links on the way followed (the storage root may be one),
    /// or null when no folder can be opened there.
    /// </summary>
    public static string? RealFolder(string path) => RealFolderOf(path, 0);

    /// <summary>The real path of the folder at <paramref name="path"/>, or null when there is none or it is a link itself.</summary>
    public static string? RealFolderNotLinked(string path) => RealFolderOf(path, NoFollowLink);

    /// <summary>True when the real path <paramref name="path"/> is strictly inside the real folder <paramref name="folder"/>.</summary>
    public static bool IsInside(string path, string folder) =>
        path.StartsWith(Path.TrimEndingDirectorySeparator(folder) + "/", StringComparison.Ordinal);

    /// <summary>
    /// Opens the file at <paramref name="path"/> for reading only when it is a regular file, not a link, and its opened
    /// handle's real path is inside <paramref name="realFolder"/> (a real path, as <see cref="RealFolder"/> answers);
    /// the size is the opened file's. Otherwise no handle and why (<c>Refusal</c>), or neither when nothing is at the
    /// path any more. A link anywhere on the path, even one swapped in after the folder was listed, is never read through.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="IOException">Opening it failed otherwise.</exception>
    public static (SafeFileHandle? Handle, long Size, string? Refusal) OpenFileInside(string path, string realFolder)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Contains('\0'))
        {
            throw new ArgumentException("A path cannot hold U+0000.", nameof(path));
        }
        // Non-blocking, so that opening a FIFO put in a file's place returns at once; the type check below refuses it.
        var descriptor = OpenAt(AtCurrentFolder, path, ReadOnly | NoFollowLink | NonBlocking | CloseOnExec);
        if (descriptor < 0)
        {
            return LastError switch
            {
                NoSuchEntry or NotAFolder => (null, 0, null),
                TooManyLinks => (null, 0, $"{path} is a symbolic link."),
                var error => throw Failure(error, path),
            };
        }
        try
        {
            if (Stat(descriptor, out var status) != 0)
            {
                throw Failure(LastError, path);
            }
            var refusal = status.Type != RegularFileType ? $"{path} is not a regular file."
                : RealPathOf(descriptor) is { } real && IsInside(real, realFolder) ? null
                : $"{path} leads outside {realFolder}.";
            if (refusal is null)
            {
                return (new SafeFileHandle(descriptor, ownsHandle: true), status.Size, null);
            }
            _ = Close(descriptor);
            return (null, 0, refusal);
        }
        catch
        {
            _ = Close(descriptor);
            throw;
        }
    }

    internal static string? RealPathOf(int descriptor) => new FileInfo($"/proc/self/fd/{descriptor}").LinkTarget;

    // The names in the folder open as descriptor, listed through the descriptor so they are that very folder's.
    internal static List<string> NamesIn(int descriptor) =>
        Directory.EnumerateFileSystemEntries($"/proc/self/fd/{descriptor}", "*", Listing).Select(entry => Path.GetFileName(entry)).ToList();

    private static string? RealFolderOf(string path, int flags)
    {
        if (path.Length == 0 || path.Contains('\0'))
        {
            return null;
        }
        var descriptor = OpenAt(AtCurrentFolder, path, ReadOnly | FolderOnly | CloseOnExec | flags);
        if (descriptor < 0)
        {
            return null;
        }
        try
        {
            return RealPathOf(descriptor);
        }
        finally
        {
            _ = Close(descriptor);
        }
    }
}
