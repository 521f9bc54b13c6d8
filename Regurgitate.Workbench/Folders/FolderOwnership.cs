using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Workbench.Folders;

/// <summary>
/// The owner file of a run's or an experiment's folder (<see cref="FileName"/>): reading and checking it, writing it
/// atomically, creating a folder together with it, and setting a folder that belongs to nobody here aside.
/// </summary>
public static class FolderOwnership
{
    public const string FileName = "owner.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Whether the folder at <paramref name="folder"/> belongs to <paramref name="owner"/>.</summary>
    public static FolderState Check(string folder, FolderOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!Directory.Exists(folder))
        {
            // A stray file where the folder should be can be no row's folder either.
            return File.Exists(folder) ? FolderState.Foreign : FolderState.Missing;
        }

        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return FolderState.Unmarked;
        }

        return Read(file) == owner ? FolderState.Owned : FolderState.Foreign;
    }

    /// <summary>The owner a file names; null when it cannot be read (then the folder is treated as someone else's).</summary>
    public static FolderOwner? Read(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<FolderOwner>(File.ReadAllText(file), JsonOptions);
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the owner file into an existing folder; a reader sees either no file or the whole file, never part of one,
    /// and after a power loss too (a torn owner file would get the folder set aside as another row's).
    /// </summary>
    public static void Mark(string folder, FolderOwner owner) =>
        AtomicFile.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(owner, JsonOptions));

    /// <summary>
    /// Creates <paramref name="folder"/> already holding its owner file (made beside it, then renamed into place), so no
    /// process ever sees the folder without it. Does nothing when a folder appeared there first; the caller checks again.
    /// </summary>
    public static void Create(string folder, FolderOwner owner)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        Directory.CreateDirectory(parent);
        var temporary = Path.Combine(parent, $".{Path.GetFileName(folder)}.new-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temporary);
        try
        {
            Mark(temporary, owner);
            Directory.Move(temporary, folder);
            AtomicFile.FlushDirectory(parent);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(temporary, recursive: true);
        }
    }

    /// <summary>
    /// Renames the folder to <c>&lt;folder&gt;.orphan-&lt;UTC time&gt;</c> beside it (nothing is deleted) and returns the new
    /// path, or null when it was gone already (another process set it aside first).
    /// </summary>
    public static string? SetAside(string folder, DateTimeOffset now)
    {
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var target = $"{folder}.orphan-{stamp}";
        for (var n = 2; Directory.Exists(target) || File.Exists(target); n++)
        {
            target = string.Create(CultureInfo.InvariantCulture, $"{folder}.orphan-{stamp}-{n}");
        }

        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Move(folder, target);
            }
            else
            {
                File.Move(folder, target);
            }

            return target;
        }
        catch (IOException) when (!Directory.Exists(folder) && !File.Exists(folder))
        {
            return null;
        }
    }
}
