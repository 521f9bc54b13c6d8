using System.Globalization;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// Builds a <see cref="TrainingSetComparison"/> with the engine's <see cref="DatasetReport"/>: one report per run (its
/// sources, its human references, its targets; one sample size and seed for all), one for the human references of all
/// their sources, then the sides put together. The common token budget of the rarefied vocabulary is the smallest
/// sampled side's token count, applied afterwards to every side's sampled tokens (each per-run report only knows its
/// own). Runs through the <see cref="HeavyWorkScheduler"/> (identical requests share one computation); the last
/// <see cref="CacheCapacity"/> comparisons are kept, keyed also by the length and last write time of every run's
/// recorded training pairs, so a run that recorded them again is compared afresh.
/// </summary>
public sealed partial class TrainingSetComparisonService(Folders.ArtifactFolders folders, HeavyWorkScheduler scheduler, ILogger<TrainingSetComparisonService> logger)
    : ITrainingSetComparisonService
{
    public const int CacheCapacity = 4;
    public const int Seed = 12345;

    private readonly RecentResults<TrainingSetComparison> cache = new(CacheCapacity);

    public TrainingSetComparison? TryGetCached(ExperimentDetail experiment, int? size, int? sampleSize) =>
        cache.TryGet(Key(TrainingSetSelection.Of(experiment, size), sampleSize));

    public async Task<TrainingSetComparison> CompareAsync(ExperimentDetail experiment, int? size, int? sampleSize, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        if (sampleSize is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleSize), sampleSize, "The sample needs at least one pair.");
        }

        var selection = TrainingSetSelection.Of(experiment, size);
        var key = Key(selection, sampleSize);
        if (cache.TryGet(key) is { } cached)
        {
            progress?.Report(1);
            return cached;
        }

        return await scheduler.RunAsync(
            nameof(TrainingSetComparisonService) + "|" + key,
            async (jobProgress, token) =>
            {
                var result = await ComputeAsync(selection, sampleSize, jobProgress, token);
                cache.Add(key, result);
                LogCompared(experiment.Id, selection.Size, result.Runs.Count, result.Report.SampleSize, result.Report.Elapsed);
                return result;
            },
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The selection, the sample, and the stamps of the training pairs the selected runs recorded (the
    /// paths are only named here: the reads verify each folder first, and a folder set aside changes its stamp).
    /// </summary>
    private string Key(TrainingSetSelection selection, int? sampleSize) =>
        string.Create(CultureInfo.InvariantCulture, $"{selection.Key}|{sampleSize}|{Seed}|")
        + FileStamps.Of(selection.Runs.Select(r => TrainingPairs.PathOf(folders.PathOf(Folders.FolderKind.Run, r.RunId))));

    // Awaits keep their context: the work stays on the scheduler's low-priority threads.
    private async Task<TrainingSetComparison> ComputeAsync(TrainingSetSelection selection, int? sampleSize, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loaded = new List<(ExperimentRunRow Run, IReadOnlyList<TrainingExample> Pairs)>();
        var unrecorded = new List<ExperimentRunRow>();
        foreach (var run in selection.Runs)
        {
            if (await TrainingPairs.ReadAsync(await folders.VerifyRunAsync(run.RunId, cancellationToken), cancellationToken) is { Count: > 0 } pairs)
            {
                loaded.Add((run, pairs));
            }
            else
            {
                unrecorded.Add(run);
            }
        }

        if (loaded.Count == 0)
        {
            throw new InvalidOperationException(selection.Size is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"No completed run of experiment {selection.ExperimentId} at size {s:N0} recorded its training pairs (they trained before training sets were recorded).")
                : $"Experiment {selection.ExperimentId} has no completed grid run yet.");
        }

        var n = Math.Min(sampleSize ?? int.MaxValue, loaded.Min(l => l.Pairs.Count));
        var options = new DatasetReportOptions { SampleSize = n, Seed = Seed, MatchTokenBudget = false };
        var human = loaded.SelectMany(l => l.Pairs).DistinctBy(p => p.Pair.Source, StringComparer.Ordinal).ToList();
        var steps = loaded.Count + 1;
        var humanReport = DatasetReport.Build(
            [.. human.Select(p => p.Pair.Source)],
            new TextSide(DatasetAnalysis.ReferenceSide, [.. human.Select(p => p.Reference)]),
            [],
            options with { SampleSize = Math.Min(n, human.Count) },
            null,
            cancellationToken);
        progress.Report(1.0 / steps);

        var names = new List<string> { DatasetAnalysis.ReferenceSide };
        var sides = new List<SideReport> { humanReport.Sides[0] };
        var sampledTokens = new List<string[]> { Sampled(humanReport, human.Select(p => p.Reference).ToList()) };
        foreach (var (run, pairs) in loaded)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{run.Condition} · seed {run.Seed} (#{run.RunId})");
            var targets = pairs.Select(p => p.Pair.Target).ToList();
            var report = DatasetReport.Build(
                [.. pairs.Select(p => p.Pair.Source)],
                new TextSide(DatasetAnalysis.ReferenceSide, [.. pairs.Select(p => p.Reference)]),
                [new TextSide(name, targets)],
                options,
                null,
                cancellationToken);
            names.Add(name);
            sides.Add(report.Sides[1]);
            sampledTokens.Add(Sampled(report, targets));
            progress.Report((double)sides.Count / steps);
        }

        var budget = sampledTokens.Min(t => t.Length);
        var budgeted = sides.Select((side, k) =>
        {
            var types = LexicalDiversity.RarefiedVocabulary(sampledTokens[k], budget);
            return side with
            {
                Diversity = side.Diversity with { BudgetTokens = budget, BudgetVocabularySize = types, BudgetTypeTokenRatio = budget > 0 ? types / budget : null },
            };
        }).ToList();
        return new TrainingSetComparison
        {
            Selection = selection,
            Runs = [.. loaded.Select(l => l.Run)],
            SideNames = names,
            Report = new DatasetReportResult
            {
                Sides = budgeted,
                Aligned = false,
                SampleSize = n,
                Seed = Seed,
                TokenBudget = budget,
                Options = options,
                Elapsed = watch.Elapsed,
            },
            Unrecorded = unrecorded,
            ReferencePairs = human.Count,
        };
    }

    /// <summary>The lexical tokens of the sampled sentences of an aligned report, concatenated in sample order.</summary>
    private static string[] Sampled(DatasetReportResult report, IReadOnlyList<string> sentences) =>
        [.. report.SampleIndices!.SelectMany(i => LexicalTokenizer.Tokenize(sentences[i]))];

    [LoggerMessage(Level = LogLevel.Information, Message = "Compared the training sets of experiment {ExperimentId} at size {Size}: {Runs} runs, {Sample} pairs each, in {Elapsed}")]
    private partial void LogCompared(int experimentId, int? size, int runs, int sample, TimeSpan elapsed);
}
