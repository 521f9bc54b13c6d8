using Regurgitate.Engine.Storage;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Every file-system step of an import, in one place. An import extracts into a staging folder beside the run folders
/// (<c>.import-&lt;id&gt;</c>: never a run id, and a move into place is a rename on one volume) and holds a lock file
/// in it while its process lives, so a clean-up can tell an abandoned import from a running one. Each run folder it
/// moves into place carries a marker named after the staging folder until the final commit, so discarding the import
/// removes exactly the folders it moved, never a stray folder that happened to have the same run id.
/// </summary>
internal sealed class ImportStaging : IDisposable
{
    public const string Prefix = ".import-";
    private const string LockFile = "lock";

    private readonly FileStream @lock;

    private ImportStaging(string runsRoot, string name, FileStream lockFile)
    {
        RunsRoot = runsRoot;
        Name = name;
        @lock = lockFile;
    }

    public string RunsRoot { get; }

    /// <summary>The staging folder's name; the hidden experiment carries it as its name until the final commit.</summary>
    public string Name { get; }

    public string FolderPath => Path.Combine(RunsRoot, Name);

    /// <summary>Creates the staging folder and takes its lock (an advisory lock the OS releases if the process dies).</summary>
    public static ImportStaging Create(string runsRoot)
    {
        var name = Prefix + Guid.NewGuid().ToString("N");
        var folder = Path.Combine(runsRoot, name);
        Directory.CreateDirectory(folder);
        var lockFile = new FileStream(Path.Combine(folder, LockFile), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        return new ImportStaging(runsRoot, name, lockFile);
    }

    /// <summary>Where the archive's <c>runs/&lt;index&gt;</c> folder was extracted.</summary>
    public string StagedRunFolder(int index) => Path.Combine(FolderPath, "runs", index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// Moves a staged run folder to <paramref name="target"/>, with the owner file naming <paramref name="owner"/> (see
    /// <see cref="Folders.ArtifactFolders"/>), and marked as this import's until <see cref="Unmark"/>.
    /// </summary>
    /// <exception cref="ExperimentArchiveException">Something already occupies the target.</exception>
    public void MoveIntoPlace(int index, Folders.FolderOwner owner, string target)
    {
        var source = StagedRunFolder(index);
        // The points are in the database now; the run folder never held a metrics file.
        File.Delete(Path.Combine(source, ArchiveFormat.MetricsFile));
        Folders.FolderOwnership.Mark(source, owner);
        File.WriteAllBytes(Path.Combine(source, Name), []);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new ExperimentArchiveException($"The run folder '{target}' exists already (left by a deleted run?); move it away and import again.");
        }

        Directory.Move(source, target);
        AtomicFile.FlushDirectory(Path.GetDirectoryName(target)!);
    }

    /// <summary>After the final commit the folder is the run's own: its marker goes (best effort; a leftover one is harmless).</summary>
    public void Unmark(string target) => TryDeleteFile(Path.Combine(target, Name));

    /// <summary>Deletes <paramref name="target"/> if the import staged as <paramref name="stagingName"/> moved it there.</summary>
    public static void RemoveIfMovedBy(string target, string stagingName)
    {
        if (File.Exists(Path.Combine(target, stagingName)))
        {
            Directory.Delete(target, recursive: true);
        }
    }

    /// <summary>The markers an import left in run folders when it stopped between its final commit and <see cref="Unmark"/>.</summary>
    public static void RemoveMarkers(string runsRoot, string stagingName)
    {
        foreach (var folder in Directory.Exists(runsRoot) ? Directory.EnumerateDirectories(runsRoot) : [])
        {
            TryDeleteFile(Path.Combine(folder, stagingName));
        }
    }

    /// <summary>True unless a living import holds the staging folder's lock (a missing folder or lock file is abandoned too).</summary>
    public static bool IsAbandoned(string stagingFolder)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(stagingFolder, LockFile), FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The staging folders under <paramref name="runsRoot"/>, by name.</summary>
    public static IEnumerable<string> StagingFolderNames(string runsRoot) =>
        Directory.Exists(runsRoot)
            ? Directory.EnumerateDirectories(runsRoot, Prefix + "*").Select(Path.GetFileName).OfType<string>()
            : [];

    public static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Releases the lock; the folder itself is deleted by the import's end or by the discard.</summary>
    public void Dispose() => @lock.Dispose();

    private static void TryDeleteFile(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
