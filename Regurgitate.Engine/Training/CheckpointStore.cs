using System.Security.Cryptography;
using Regurgitate.Engine.Modeling;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Model checkpoints of one run, written atomically (temporary file, then rename) with a SHA-256 beside each so a
/// torn or corrupted file is detected on load. Only the newest <see cref="Keep"/> checkpoints are kept.
/// </summary>
public sealed class CheckpointStore
{
    private readonly string _directory;

    public CheckpointStore(string directory)
    {
        _directory = directory;
    }

    public int Keep { get; init; } = 2;

    /// <summary>Saves the model's parameters for the step and returns the checkpoint's path.</summary>
    public string Save(TranslationTransformer model, int step)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(_directory);
        var path = PathFor(step);
        var temporary = path + ".tmp";
        model.save(temporary);
        var checksum = Checksum(temporary);
        File.Move(temporary, path, overwrite: true);
        File.WriteAllText(path + ".sha256", checksum);

        foreach (var old in List().SkipLast(Keep))
        {
            File.Delete(old.Path);
            File.Delete(old.Path + ".sha256");
        }

        return path;
    }

    /// <summary>Loads the newest checkpoint whose checksum matches into the model; returns its step, or null when none is intact.</summary>
    public int? LoadLatest(TranslationTransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (step, path) in List().Reverse())
        {
            var sidecar = path + ".sha256";
            if (File.Exists(sidecar) && File.ReadAllText(sidecar).Trim() == Checksum(path))
            {
                model.load(path);
                return step;
            }
        }

        return null;
    }

    /// <summary>
    /// Loads one checkpoint file into the model, checking it against its SHA-256 sidecar when there is one.
    /// Returns the step encoded in a <c>step-NNNNNNNN.pt</c> file name, or null for other names.
    /// </summary>
    /// <exception cref="FileNotFoundException">The checkpoint does not exist.</exception>
    /// <exception cref="InvalidDataException">The checkpoint does not match its checksum.</exception>
    public static int? LoadFile(TranslationTransformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        var sidecar = path + ".sha256";
        if (File.Exists(sidecar) && File.ReadAllText(sidecar).Trim() != Checksum(path))
        {
            throw new InvalidDataException($"Checkpoint '{path}' does not match its checksum in '{sidecar}' (torn or corrupted file).");
        }

        model.load(path);
        var name = Path.GetFileNameWithoutExtension(path);
        return name.StartsWith("step-", StringComparison.Ordinal) && int.TryParse(name.AsSpan(5), out var step) ? step : null;
    }

    private IEnumerable<(int Step, string Path)> List()
    {
        if (!Directory.Exists(_directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(_directory, "step-*.pt")
            .Select(p => (Step: int.TryParse(Path.GetFileNameWithoutExtension(p)["step-".Length..], out var s) ? s : -1, Path: p))
            .Where(c => c.Step >= 0)
            .OrderBy(c => c.Step)
            .ToList();
    }

    private string PathFor(int step) => Path.Combine(_directory, $"step-{step:D8}.pt");

    private static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
