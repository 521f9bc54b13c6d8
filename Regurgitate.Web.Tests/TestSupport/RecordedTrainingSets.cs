using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// An experiment (#7, no spec) whose runs recorded small, hand-checkable training sets in a temp runs folder. At size 4:
/// #1 real (BLEU 30), #2 gen seed 1 (two of four targets garbage: error rate 0.5, 9 tokens, BLEU 20), #3 gen seed 2
/// (one garbage: 0.25, 11 tokens, BLEU 25), #4 "gen · quality" (no garbage: 0, 12 tokens, BLEU 28), #6 "gen · quality"
/// seed 2 without a pairs file (trained before they were recorded); #7 gen seed 3 still running. At size 2 only #5 gen.
/// </summary>
public sealed class RecordedTrainingSets : IDisposable
{
    public const int ExperimentId = 7;

    public static readonly string[] Sources = ["Ein Hund läuft.", "Eine Katze schläft.", "Zwei Kinder spielen.", "Ein Mann liest."];
    public static readonly string[] References = ["A dog runs.", "A cat sleeps.", "Two children play.", "A man reads."];

    public RecordedTrainingSets()
    {
        Write(1, References, real: true);
        Write(2, ["qqq zzz", "vvv", "Two children play!", "A man reads!"]);
        Write(3, ["qqq zzz", "A cat sleeps!", "Two children play!", "A man reads!"]);
        Write(4, ["A dog runs!", "A cat sleeps!", "Two children play!", "A man reads!"]);
        Write(5, ["qqq", "A cat sleeps!"]);
        Write(7, References, real: true);
        Detail = new ExperimentDetail(ExperimentId, "hand-made", null, DateTimeOffset.UnixEpoch, ExperimentStatus.Running, null, null,
        [
            Run(1, "real", 4, 1, 30), Run(2, "gen", 4, 1, 20), Run(3, "gen", 4, 2, 25), Run(4, "gen · quality", 4, 1, 28),
            Run(5, "gen", 2, 1, 10), Run(6, "gen · quality", 4, 2, 27), Run(7, "gen", 4, 3, null, RunStatus.Running),
        ]);
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("regurgitate-training-sets-").FullName;

    public RecordingRunLauncher Launcher => new() { RunsRoot = Root };

    public ExperimentDetail Detail { get; }

    public static ExperimentRunRow Run(int id, string condition, int size, int seed, double? bleu, RunStatus status = RunStatus.Completed) =>
        new(id, RunRole.Grid, condition, size, seed, condition == "real" ? 1 : 0, status, 10, 10, null, bleu, null, null, null, null, null);

    private void Write(int runId, IReadOnlyList<string> targets, bool real = false) =>
        TrainingPairs.Write(Path.Combine(Root, runId.ToString(System.Globalization.CultureInfo.InvariantCulture)), targets.Select((t, i) => real
            ? TrainingExample.Real(new SentencePair(Sources[i], t))
            : new TrainingExample(new SentencePair(Sources[i], t), "local/gen", References[i])));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
