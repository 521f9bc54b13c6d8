using System.Globalization;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Comparison;

/// <summary>
/// A temp SQLite database and a folder of run directories with test translations written through
/// <see cref="TestOutputs.Write"/>, as finished runs leave them; no training.
/// </summary>
public sealed class ComparisonFixture : IDisposable
{
    private readonly TempDatabase database = new();
    private int experimentId;

    public ComparisonFixture()
    {
        Folders = TestArtifactFolders.Create(database.Factory, database.Folder);
        Service = new RunComparisonService(database.Factory, Folders, TestHeavyWork.Scheduler());
    }

    public RunComparisonService Service { get; }

    public TempDatabase Database => database;

    public ArtifactFolders Folders { get; }

    /// <summary>The experiment the runs belong to (created with the first run).</summary>
    public int ExperimentId => experimentId;

    /// <summary>German-like sources and English references of <paramref name="count"/> distinct test sentences.</summary>
    public static IReadOnlyList<SentencePair> TestSet(int count) =>
        Enumerable.Range(0, count).Select(i => new SentencePair(
            string.Create(CultureInfo.InvariantCulture, $"ein {Adjectives[i % 7]}er hund nummer {i} läuft zum {Nouns[i % 11]} ."),
            string.Create(CultureInfo.InvariantCulture, $"a {EnglishAdjectives[i % 7]} dog number {i} runs to the {EnglishNouns[i % 11]} near the {EnglishNouns[(i * 3) % 11]} ."))).ToList();

    /// <summary>Translations that get one word of eight wrong on every fourth sentence: a good system.</summary>
    public static IReadOnlyList<string> Good(IReadOnlyList<SentencePair> pairs) =>
        pairs.Select((p, i) => i % 4 == 0 ? p.Target.Replace(" runs ", " walks ", StringComparison.Ordinal) : p.Target).ToList();

    /// <summary>Translations that lose most content words on every sentence: a clearly worse system.</summary>
    public static IReadOnlyList<string> Poor(IReadOnlyList<SentencePair> pairs) =>
        pairs.Select((p, i) => string.Create(CultureInfo.InvariantCulture, $"the animal {i} goes somewhere .")).ToList();

    public async Task<int> AddRunAsync(
        string? condition, RunStatus status = RunStatus.Completed, IReadOnlyList<SentencePair>? pairs = null, IReadOnlyList<string>? hypotheses = null,
        int trainSize = 10_000, int seed = 1, double? testBleu = null)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        if (experimentId == 0)
        {
            await database.MigrateAsync();
            var experiment = new Experiment { Name = "regurgitation", CreatedAt = DateTimeOffset.UnixEpoch };
            context.Experiments.Add(experiment);
            await context.SaveChangesAsync();
            experimentId = experiment.Id;
        }

        var run = new Run
        {
            ExperimentId = experimentId,
            ConfigJson = "{}",
            CorpusId = "multi30k",
            Role = RunRole.Grid,
            Condition = condition,
            TrainSize = trainSize,
            Seed = seed,
            Status = status,
            TestBleu = testBleu,
            CreatedAt = DateTimeOffset.UnixEpoch,
        };
        context.Runs.Add(run);
        await context.SaveChangesAsync();
        if (pairs is not null && hypotheses is not null)
        {
            TestOutputs.Write(Folders.Claim(ArtifactFolders.OwnerOf(run)), pairs, hypotheses);
        }

        return run.Id;
    }

    public string RunDirectoryOf(int runId) => Folders.PathOf(FolderKind.Run, runId);

    public void Dispose() => database.Dispose();

    private static readonly string[] Adjectives = ["groß", "klein", "schnell", "braun", "weiß", "alt", "jung"];
    private static readonly string[] Nouns = ["see", "park", "haus", "baum", "strand", "markt", "fluss", "berg", "zaun", "tor", "weg"];
    private static readonly string[] EnglishAdjectives = ["big", "small", "fast", "brown", "white", "old", "young"];
    private static readonly string[] EnglishNouns = ["lake", "park", "house", "tree", "beach", "market", "river", "hill", "fence", "gate", "path"];
}
