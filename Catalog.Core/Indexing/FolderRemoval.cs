using static Catalog.Core.Indexing.LinuxCalls;

namespace Catalog.Core.Indexing;

/// <summary>
/// Removes what is inside an open folder through descriptors only: each entry is looked at without following it,
/// a link or file is unlinked as itself, a folder is opened without following it, emptied and removed.
/// </summary>
internal static class FolderRemoval
{
    private const int OpenFolder = ReadOnly | FolderOnly | NoFollowLink | CloseOnExec;

    // An entry that keeps changing type between the check and the act is given up after this many tries.
    private const int Tries = 3;

    // Answers how many entries of the folder open as descriptor went; top is the real path of the folder being emptied.
    public static int EmptyOpenFolder(int descriptor, string top)
    {
        var removed = 0;
        foreach (var name in NoFollow.NamesIn(descriptor))
        {
            removed += Remove(descriptor, name, top) ? 1 : 0;
        }
        return removed;
    }

    // Removes one entry of the open folder, a folder's insides first; false when it was already gone.
    private static bool Remove(int folder, string name, string top)
    {
        for (var attempt = 0; attempt < Tries; attempt++)
        {
            if (StatAt(folder, name, out var status, AtNoFollowLink) != 0)
            {
                return Done(LastError, name);
            }
            if (status.Type != FolderType)
            {
                var unlinked = UnlinkAt(folder, name, 0) == 0 ? 0 : LastError;
                // A folder swapped in since the check is tried again as a folder.
                if (unlinked != IsAFolder)
                {
                    return Done(unlinked, name);
                }
                continue;
            }
            var child = OpenAt(folder, name, OpenFolder);
            if (child < 0)
            {
                var error = LastError;
                // A link or a file swapped in since the check is tried again, and then unlinked as what it is.
                if (error is TooManyLinks or NotAFolder)
                {
                    continue;
                }
                return Done(error, name);
            }
            try
            {
                // A folder moved out from under the archive folder since it was listed is not emptied.
                if (NoFollow.RealPathOf(child) is not { } real || !NoFollow.IsInside(real, top))
                {
                    throw new IOException($"{name} moved out of {top} while it was emptied; it is left.");
                }
                EmptyOpenFolder(child, top);
            }
            finally
            {
                _ = Close(child);
            }
            var removed = UnlinkAt(folder, name, AtRemoveFolder) == 0 ? 0 : LastError;
            // A link or a file swapped in for the emptied folder is tried again, and then unlinked as what it is.
            if (removed != NotAFolder)
            {
                return Done(removed, name);
            }
        }
        throw new IOException($"{name} in {top} kept changing while it was removed; it is left.");
    }

    // True when the call succeeded, false when the entry was already gone; any other error throws.
    private static bool Done(int error, string name) => error switch
    {
        0 => true,
        NoSuchEntry => false,
        _ => throw Failure(error, name),
    };
}
