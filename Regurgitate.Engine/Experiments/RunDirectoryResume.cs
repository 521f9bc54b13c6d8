using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Experiments;

/// <summary>Decides whether a run directory is resumed, started afresh or refused, from its config.json and checkpoints.</summary>
internal static class RunDirectoryResume
{
    public const string ConfigFileName = "config.json";

    /// <summary>
    /// A run directory that already holds this very configuration and an intact resumable checkpoint continues from
    /// it (the process was killed or the app restarted); a directory holding another configuration is refused rather
    /// than overwritten. A config.json that is not JSON at all (cut short by a crash of a version that wrote it in
    /// place, or damaged since) cannot say which configuration the directory holds, so the checkpoints decide: one
    /// whose position record carries this configuration's fingerprint is resumed; without one the run fails naming
    /// the file.
    /// </summary>
    public static ResumePoint? Find(string configText, string runDirectory, CheckpointStore checkpoints)
    {
        var configPath = Path.Combine(runDirectory, ConfigFileName);
        if (!File.Exists(configPath))
        {
            return null;
        }

        var stored = File.ReadAllText(configPath);
        var damaged = stored != configText && !IsJson(stored);
        if (stored != configText && !damaged)
        {
            throw new InvalidOperationException($"The run directory '{runDirectory}' holds a run with another configuration; use a new directory.");
        }

        var resume = File.Exists(Path.Combine(runDirectory, "tokenizer", SubwordTokenizer.VocabularyFileName))
            ? checkpoints.FindResumable(requireFingerprint: damaged)
            : null;
        if (damaged && resume is null)
        {
            throw new InvalidDataException(
                $"'{configPath}' is damaged ({stored.Length:N0} characters that are not JSON, perhaps cut short by a crash) and no checkpoint "
                + "in the directory records this configuration, so it cannot tell which run the directory holds. Delete the file to "
                + "start this run afresh in it, or use a new directory.");
        }

        return resume;
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the configuration as written to config.json, recorded with each checkpoint.</summary>
    public static string Fingerprint(string configText) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configText)));
}
