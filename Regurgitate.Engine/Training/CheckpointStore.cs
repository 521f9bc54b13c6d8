using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Storage;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Model checkpoints of one run, each file written with <see cref="AtomicFile"/> (flushed to the disk, renamed into
/// place, directory flushed, so a power loss leaves the old file or the new one) and a SHA-256 beside each so a file
/// damaged anyway is detected on load. Only the newest <see cref="Keep"/> checkpoints are kept.
/// A resumable checkpoint adds <c>step-N.state</c> (optimiser and RNG state, written by the trainer) and, written
/// last as the commit marker, <c>step-N.position.json</c> with the training position and both files' checksums: a
/// process killed at any moment leaves either a complete resumable checkpoint or one that is skipped.
/// </summary>
public sealed class CheckpointStore
{
    private readonly string directory;

    public CheckpointStore(string directory)
    {
        this.directory = directory;
    }

    public int Keep { get; init; } = 2;

    /// <summary>
    /// What the checkpoints are of (the run's configuration, hashed), recorded in each position record so a run can
    /// tell its own checkpoints even when the file that names its configuration is lost. Null records nothing.
    /// </summary>
    public string? Fingerprint { get; init; }

    /// <summary>Saves the model's parameters for the step and returns the checkpoint's path.</summary>
    public string Save(TranslationTransformer model, int step) => Save(model, step, null, null);

    /// <summary>
    /// Saves the model and, when <paramref name="position"/> is given, what resuming needs: <paramref name="writeState"/>
    /// writes the optimiser and RNG state. Returns the model checkpoint's path.
    /// </summary>
    public string Save(TranslationTransformer model, int step, TrainingPosition? position, Action<BinaryWriter>? writeState)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        AtomicFile.DeleteOrphans(directory); // a model's worth of disk per killed save otherwise
        var path = PathFor(step);
        AtomicFile.WriteWith(path, temporary => model.save(temporary));
        var checksum = Checksum(path);
        AtomicFile.WriteAllText(path + ".sha256", checksum);

        if (position is not null && writeState is not null)
        {
            var statePath = Path.ChangeExtension(path, ".state");
            AtomicFile.Write(statePath, stream =>
            {
                using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
                writeState(writer);
            });
            var stateChecksum = Checksum(statePath);
            AtomicFile.WriteAllText(PositionPathFor(path), JsonSerializer.Serialize(new PositionRecord(position, checksum, stateChecksum, Fingerprint)));
        }

        foreach (var old in List().SkipLast(Keep))
        {
            // The position record first: it is what makes a checkpoint resumable, so a deletion cut short leaves none half-listed.
            foreach (var file in new[] { PositionPathFor(old.Path), Path.ChangeExtension(old.Path, ".state"), old.Path + ".sha256", old.Path })
            {
                File.Delete(file);
            }
        }

        return path;
    }

    /// <summary>
    /// The newest checkpoint that is complete and intact for resuming (model, state and position present and matching
    /// their checksums, the model's sidecar too when there is one); older ones are tried when a newer one is torn. A
    /// record of another <see cref="Fingerprint"/> is skipped, and so is one with none when
    /// <paramref name="requireFingerprint"/> is set. Null when there is none.
    /// </summary>
    public ResumePoint? FindResumable(bool requireFingerprint = false)
    {
        foreach (var (_, path) in List().Reverse())
        {
            var positionPath = PositionPathFor(path);
            var statePath = Path.ChangeExtension(path, ".state");
            var sidecar = path + ".sha256";
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

            if (record is null || !IsOwn(record.Fingerprint, requireFingerprint))
            {
                continue;
            }

            var modelChecksum = Checksum(path);
            if (record.ModelSha256 == modelChecksum && record.StateSha256 == Checksum(statePath)
                && (!File.Exists(sidecar) || File.ReadAllText(sidecar).Trim() == modelChecksum))
            {
                return new ResumePoint(record.Position, path, statePath);
            }
        }

        return null;
    }

    private bool IsOwn(string? recorded, bool requireFingerprint) =>
        Fingerprint is null || (recorded is null ? !requireFingerprint : recorded == Fingerprint);

    private static string PositionPathFor(string checkpointPath) => Path.ChangeExtension(checkpointPath, ".position.json");

    private sealed record PositionRecord(TrainingPosition Position, string ModelSha256, string StateSha256, string? Fingerprint = null);

    /// <summary>Loads the newest checkpoint whose checksum matches into the model; returns its step, or null when none is intact.</summary>
    public int? LoadLatest(TranslationTransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (LatestIntact() is not { } latest)
        {
            return null;
        }

        model.load(latest.Path);
        return latest.Step;
    }

    /// <summary>The newest checkpoint whose file matches its SHA-256 sidecar; null when none is intact.</summary>
    public (int Step, string Path)? LatestIntact()
    {
        foreach (var (step, path) in List().Reverse())
        {
            var sidecar = path + ".sha256";
            if (File.Exists(sidecar) && File.ReadAllText(sidecar).Trim() == Checksum(path))
            {
                return (step, path);
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
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "step-*.pt")
            .Select(p => (Step: int.TryParse(Path.GetFileNameWithoutExtension(p)["step-".Length..], out var s) ? s : -1, Path: p))
            .Where(c => c.Step >= 0)
            .OrderBy(c => c.Step)
            .ToList();
    }

    private string PathFor(int step) => Path.Combine(directory, $"step-{step:D8}.pt");

    private static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
