using System.Runtime.InteropServices;

namespace Catalog.Core.Indexing;

/// <summary>
/// The few Linux system calls that act on a folder by its open descriptor instead of by its path, so a link swapped
/// into a path between a check and an act is never followed. glibc 2.33 or later (which exports fstat and fstatat),
/// x86_64 (the flag values and the layout of struct stat).
/// </summary>
internal static class LinuxCalls
{
    public const int AtCurrentFolder = -100;
    public const int ReadOnly = 0;
    public const int NonBlocking = 0x800;
    public const int FolderOnly = 0x10000;
    public const int NoFollowLink = 0x20000;
    public const int CloseOnExec = 0x80000;
    public const int AtNoFollowLink = 0x100;
    public const int AtRemoveFolder = 0x200;

    public const int NotPermitted = 1;
    public const int NoSuchEntry = 2;
    public const int AccessDenied = 13;
    public const int NotAFolder = 20;
    public const int IsAFolder = 21;
    public const int TooManyLinks = 40;

    public const uint TypeMask = 0xF000;
    public const uint FolderType = 0x4000;
    public const uint RegularFileType = 0x8000;
    public const uint LinkType = 0xA000;

    public static int LastError => Marshal.GetLastPInvokeError();

    [DllImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static extern int OpenAt(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "unlinkat", SetLastError = true)]
    public static extern int UnlinkAt(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int flags);

    [DllImport("libc", EntryPoint = "fstatat", SetLastError = true)]
    public static extern int StatAt(int folder, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, out FileStatus status, int flags);

    [DllImport("libc", EntryPoint = "fstat", SetLastError = true)]
    public static extern int Stat(int descriptor, out FileStatus status);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    public static extern int Close(int descriptor);

    // Denied access is told apart as the framework's own file calls do, so callers catch what they caught before.
    public static Exception Failure(int error, string path) => error is AccessDenied or NotPermitted
        ? new UnauthorizedAccessException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}")
        : new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(error)}");

    // Only the two fields the catalog reads, at their offsets in x86_64 glibc's 144-byte struct stat.
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    public struct FileStatus
    {
        [FieldOffset(24)]
        public uint Mode;

        [FieldOffset(48)]
        public long Size;

        public readonly uint Type => Mode & TypeMask;
    }
}
