using System.Diagnostics;
using System.Text;

namespace Regurgitate.Engine.Storage;

/// <summary>
/// Writes a file so that after a crash or a power loss its path holds either the previous content or the complete new
/// one, never a prefix: the content goes to a temporary file beside it, is flushed to the disk (fsync), replaces the
/// path with a rename, and on Linux the directory is flushed too so the rename itself survives. Temporary names carry
/// the process id and a per-process sequence number, so two writers never share one; a write that fails deletes its
/// temporary file.
/// </summary>
public static class AtomicFile
{
    private const int BufferSize = 1 << 16;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static long sequence;

    /// <summary>Writes UTF-8 text without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, Utf8.GetBytes(text));
    }

    public static void WriteAllBytes(string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Write(path, stream => stream.Write(content));
    }

    /// <summary>
    /// Lets <paramref name="write"/> fill the temporary file's stream, then commits it. The callback must leave the
    /// stream open (<c>leaveOpen: true</c> on writers that wrap it) so it can be flushed to the disk.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Commit(path, temporary =>
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <inheritdoc cref="Write(string, Action{Stream})"/>
    public static Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return CommitAsync(path, async temporary =>
        {
            await using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            await write(stream, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// For a library that writes to a path of its own (TorchSharp's <c>save</c>): <paramref name="writeTo"/> writes the
    /// temporary path it is given, which is then flushed to the disk and renamed over <paramref name="path"/>.
    /// </summary>
    public static void WriteWith(string path, Action<string> writeTo)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        Commit(path, temporary =>
        {
            writeTo(temporary);
            using var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write, FileShare.None);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Renames a finished file (already flushed by its writer, or written by a download) over <paramref name="path"/>
    /// after flushing it, and flushes the directory entry.
    /// </summary>
    public static void MoveIntoPlace(string finished, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(finished);
        using (var stream = new FileStream(finished, FileMode.Open, FileAccess.Write, FileShare.None))
        {
            stream.Flush(flushToDisk: true);
        }

        File.Move(finished, path, overwrite: true);
        FlushDirectoryOf(path);
    }

    /// <summary>Flushes a directory's entries (renames into it) to the disk; on Linux only, elsewhere it does nothing.</summary>
    public static void FlushDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        DirectoryFlush.Flush(directory);
    }

    /// <summary>The temporary name used beside <paramref name="path"/>: unique per process and per write.</summary>
    public static string TemporaryPathFor(string path) =>
        $"{path}.{Environment.ProcessId}-{Interlocked.Increment(ref sequence)}.tmp";

    /// <summary>
    /// Deletes the temporary files in <paramref name="directory"/> that processes no longer running left behind (killed
    /// between writing and renaming). A process's temporaries are never touched while it runs, so concurrent writers are safe.
    /// </summary>
    public static void DeleteOrphans(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.tmp"))
        {
            if (WriterOf(file) is { } processId && processId != Environment.ProcessId && !IsRunning(processId))
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Still open somewhere after all: leave it for a later clean-up.
                }
            }
        }
    }

    /// <summary>The process id in a name made by <see cref="TemporaryPathFor"/> (<c>name.PID-N.tmp</c>), else null.</summary>
    private static int? WriterOf(string temporary)
    {
        var stem = Path.GetFileNameWithoutExtension(temporary);
        var tag = stem[(stem.LastIndexOf('.') + 1)..];
        var dash = tag.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && int.TryParse(tag.AsSpan(0, dash), out var processId) && long.TryParse(tag.AsSpan(dash + 1), out _) ? processId : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Commit(string path, Action<string> writeTemporary)
    {
        var temporary = Prepare(path);
        try
        {
            writeTemporary(temporary);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushDirectoryOf(path);
    }

    private static async Task CommitAsync(string path, Func<string, Task> writeTemporary)
    {
        var temporary = Prepare(path);
        try
        {
            await writeTemporary(temporary).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        FlushDirectoryOf(path);
    }

    private static string Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        return TemporaryPathFor(path);
    }

    private static void FlushDirectoryOf(string path) => DirectoryFlush.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
}
