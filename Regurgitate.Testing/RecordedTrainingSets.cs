using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>
/// An experiment (#7, no spec) whose runs recorded small, hand-checkable training sets in a temp runs folder. At size 4:
/// #1 real (BLEU 30), #2 gen seed 1 (two of four targets garbage: error rate 0.5, 9 tokens, BLEU 20), #3 gen seed 2
/// (one garbage: 0.25, 11 tokens, BLEU 25), #4 "gen · quality" (no garbage: 0, 12 tokens, BLEU 28), #6 "gen · quality"
/// seed 2 without a pairs file (trained before they were recorded); #7 gen seed 3 still running. At size 2 only #5 gen.
/// The rows (and #8, #9 for tests that add runs) are stored, and the files written into folders they own.
/// </summary>
public sealed class RecordedTrainingSets : IDisposable
{
    public const int ExperimentId = 7;

    public static readonly string[] Sources = ["Ein Hund läuft.", "Eine Katze schläft.", "Zwei Kinder spielen.", "Ein Mann liest."];
    public static readonly string[] References = ["A dog runs.", "A cat sleeps.", "Two children play.", "A man reads."];

    private readonly TempDatabase database = new();

    public RecordedTrainingSets()
    {
        Folders = TestArtifactFolders.Create(database.Factory, database.Folder);
        StoreRows();
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

    /// <summary>The folder resolver the services read the runs' files through.</summary>
    public ArtifactFolders Folders { get; }

    public ExperimentDetail Detail { get; }

    public static ExperimentRunRow Run(int id, string condition, int size, int seed, double? bleu, RunStatus status = RunStatus.Completed) =>
        new(id, RunRole.Grid, condition, size, seed, condition == "real" ? 1 : 0, status, 10, 10, null, bleu, null, null, null, null, null);

    private void StoreRows()
    {
        database.MigrateAsync().GetAwaiter().GetResult();
        using var context = database.Factory.CreateDbContext();
        context.Experiments.Add(new Experiment { Id = ExperimentId, Name = "hand-made", CreatedAt = DateTimeOffset.UnixEpoch });
        for (var id = 1; id <= 9; id++)
        {
            context.Runs.Add(new Run { Id = id, ExperimentId = ExperimentId, ConfigJson = "{}", CorpusId = "multi30k", CreatedAt = DateTimeOffset.UnixEpoch });
        }

        context.SaveChanges();
    }

    private void Write(int runId, IReadOnlyList<string> targets, bool real = false) =>
        TrainingPairs.Write(Folders.ClaimRunAsync(runId, CancellationToken.None).GetAwaiter().GetResult(), targets.Select((t, i) => real
            ? TrainingExample.Real(new SentencePair(Sources[i], t))
            : new TrainingExample(new SentencePair(Sources[i], t), "local/gen", References[i])));

    public void Dispose() => database.Dispose();
}
