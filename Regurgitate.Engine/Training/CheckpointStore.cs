using System.Security.Cryptography;
using System.Text.Json;
using Regurgitate.Engine.Modeling;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Model checkpoints of one run, written atomically (temporary file, then rename) with a SHA-256 beside each so a
/// torn or corrupted file is detected on load. Only the newest <see cref="Keep"/> checkpoints are kept.
/// A resumable checkpoint adds <c>step-N.state</c> (optimiser and RNG state, written by the trainer) and, written
/// last as the commit marker, <c>step-N.position.json</c> with the training position and both files' checksums: a
/// process killed at any moment leaves either a complete resumable checkpoint or one that is skipped.
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
    public string Save(TranslationTransformer model, int step) => Save(model, step, null, null);

    /// <summary>
    /// Saves the model and, when <paramref name="position"/> is given, what resuming needs: <paramref name="writeState"/>
    /// writes the optimiser and RNG state. Returns the model checkpoint's path.
    /// </summary>
    public string Save(TranslationTransformer model, int step, TrainingPosition? position, Action<BinaryWriter>? writeState)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(_directory);
        var path = PathFor(step);
        var temporary = path + ".tmp";
        model.save(temporary);
        var checksum = Checksum(temporary);
        File.Move(temporary, path, overwrite: true);
        WriteAtomically(path + ".sha256", checksum);

        if (position is not null && writeState is not null)
        {
            var statePath = Path.ChangeExtension(path, ".state");
            using (var stream = File.Create(statePath + ".tmp"))
            using (var writer = new BinaryWriter(stream))
            {
                writeState(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            var stateChecksum = Checksum(statePath + ".tmp");
            File.Move(statePath + ".tmp", statePath, overwrite: true);
            WriteAtomically(PositionPathFor(path), JsonSerializer.Serialize(new PositionRecord(position, checksum, stateChecksum)));
        }

        foreach (var old in List().SkipLast(Keep))
        {
            foreach (var file in new[] { old.Path, old.Path + ".sha256", Path.ChangeExtension(old.Path, ".state"), PositionPathFor(old.Path) })
            {
                File.Delete(file);
            }
        }

        return path;
    }

    /// <summary>
    /// The newest checkpoint that is complete and intact for resuming (model, state and position all present and
    /// matching their checksums); older ones are tried when a newer one is torn. Null when there is none.
    /// </summary>
    public ResumePoint? FindResumable()
    {
        foreach (var (_, path) in List().Reverse())
        {
            var positionPath = PositionPathFor(path);
            var statePath = Path.ChangeExtension(path, ".state");
            if (!File.Exists(positionPath) || !File.Exists(statePath))
            {
                continue;
            }

            PositionRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<PositionRecord>(File.ReadAllText(positionPath));
            }
            catch (JsonException)
            {
                continue;
            }

            if (record is not null && record.ModelSha256 == Checksum(path) && record.StateSha256 == Checksum(statePath))
            {
                return new ResumePoint(record.Position, path, statePath);
            }
        }

        return null;
    }

    private static string PositionPathFor(string checkpointPath) => Path.ChangeExtension(checkpointPath, ".position.json");

    private static void WriteAtomically(string path, string text)
    {
        File.WriteAllText(path + ".tmp", text);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private sealed record PositionRecord(TrainingPosition Position, string ModelSha256, string StateSha256);

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
