using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Regurgitate.Engine.Storage;

/// <summary>
/// Flushes a directory's entries to the disk (fsync on the directory), so a rename into it survives a power loss.
/// .NET has no API for this (it refuses to open a directory as a file), hence the two libc calls. Linux only: Windows
/// has no equivalent for a directory, and elsewhere it is skipped.
/// </summary>
internal static class DirectoryFlush
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000;
    private const int InvalidArgument = 22; // EINVAL: the file system cannot sync a directory (some network ones)

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var descriptor = Open(directory, ReadOnly | CloseOnExec);
        if (descriptor < 0)
        {
            throw new IOException($"Could not open the directory '{directory}' to flush it to disk.", new Win32Exception(Marshal.GetLastPInvokeError()));
        }

        try
        {
            if (Fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is var error && error != InvalidArgument)
            {
                throw new IOException($"Could not flush the directory '{directory}' to disk.", new Win32Exception(error));
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int descriptor);
}
