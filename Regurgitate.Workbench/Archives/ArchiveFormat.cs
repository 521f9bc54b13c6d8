using System.Text.Json;
using System.Text.Json.Serialization;

namespace Regurgitate.Workbench.Archives;

/// <summary>The experiment archive's layout: entry names, the manifest's JSON dialect and the format version.</summary>
public static class ArchiveFormat
{
    /// <summary>Raised only when a reader of an older version could not read the new layout correctly.</summary>
    public const int Version = 1;

    public const string ManifestEntry = "manifest.json";
    public const string LearningCurveEntry = "figures/learning-curve.csv";
    public const string MetricsFile = "metrics.csv";
    public const string MetricsHeader = "step,name,value,timestamp";
    public const string TrainingSetFile = "training-set.json";
    public const string CheckpointsFolder = "checkpoints";
    public const string TokenizerFolder = "tokenizer";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A manifest from a newer writer with fields this one does not know is refused rather than half-read.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The folder of the <paramref name="index"/>-th run (1-based, in run id order).</summary>
    public static string RunFolder(int index) => $"runs/{index.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
