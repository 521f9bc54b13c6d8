using System.Diagnostics;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Threading;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench.Analysis;

/// <summary>
/// Reads the training pairs every selected run recorded (<see cref="TrainingPairs"/>) and measures them with one
/// <see cref="TrainingSetAnalyzer"/> (each distinct pair scored once), in parallel through the
/// <see cref="HeavyWorkScheduler"/> (identical requests share one computation); then the
/// rarefied vocabulary at the smallest set's token count, and per metric a <see cref="RelationFit"/> of test BLEU over
/// the runs with synthetic data (<see cref="FitResamples"/> bootstrap resamples, seed <see cref="FitSeed"/>). Nothing
/// depends on the corpus or the design: the pairs say what each run trained on. Results are cached by experiment, size
/// and the set of runs (the last <see cref="CacheCapacity"/>) and the length and last write time of their recorded
/// training pairs, so pairs recorded again are measured afresh.
/// </summary>
public sealed partial class MechanismsService(Folders.ArtifactFolders folders, HeavyWorkScheduler scheduler, ILogger<MechanismsService> logger) : IMechanismsService
{
    public const int CacheCapacity = 8;
    public const int FitResamples = 2_000;
    public const int FitSeed = 12345;

    private readonly RecentResults<MechanismsResult> cache = new(CacheCapacity);

    public MechanismsResult? TryGetCached(ExperimentDetail experiment, int? size) => cache.TryGet(Key(TrainingSetSelection.Of(experiment, size)));

    public async Task<MechanismsResult> AnalyzeAsync(ExperimentDetail experiment, int? size, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var selection = TrainingSetSelection.Of(experiment, size);
        var key = Key(selection);
        if (cache.TryGet(key) is { } cached)
        {
            progress?.Report(1);
            return cached;
        }

        return await scheduler.RunAsync(
            nameof(MechanismsService) + "|" + key,
            async (jobProgress, token) =>
            {
                var result = await ComputeAsync(selection, jobProgress, token);
                cache.Add(key, result);
                LogAnalyzed(experiment.Id, selection.Size, result.Points.Count, result.Unrecorded.Count, result.Elapsed);
                return result;
            },
            progress,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The selection and the stamps of the training pairs the selected runs recorded (the
    /// paths are only named here: the reads verify each folder first, and a folder set aside changes its stamp).
    /// </summary>
    private string Key(TrainingSetSelection selection) =>
        selection.Key + "|" + FileStamps.Of(selection.Runs.Select(r => TrainingPairs.PathOf(folders.PathOf(Folders.FolderKind.Run, r.RunId))));

    // Awaits keep their context: the work stays on the scheduler's low-priority threads.
    private async Task<MechanismsResult> ComputeAsync(TrainingSetSelection selection, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var runs = selection.Runs;
        var analyzer = new TrainingSetAnalyzer();
        var measured = new TrainingSetMeasures?[runs.Count];
        var progressGate = new Lock();
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, runs.Count),
            CallerParallelism.Options(cancellationToken, Environment.ProcessorCount),
            async (i, token) =>
            {
                var pairs = await TrainingPairs.ReadAsync(await folders.VerifyRunAsync(runs[i].RunId, token), token);
                measured[i] = pairs is null ? null : analyzer.Measure(pairs, token);
                lock (progressGate)
                {
                    progress.Report(0.95 * ++done / runs.Count);
                }
            });

        var budget = measured.Where(m => m is not null).Select(m => m!.Tokens.Count).DefaultIfEmpty(0).Min();
        var points = new List<MechanismsPoint>();
        for (var i = 0; i < runs.Count; i++)
        {
            if (measured[i] is not { } m)
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var run = runs[i];
            points.Add(new MechanismsPoint(
                run.RunId, run.Condition!, run.Seed, run.TrainSize, m.IsAllReal, m.Pairs, m.Tokens.Count,
                m.ErrorRate, m.Mtld, m.RarefiedVocabulary(budget), m.SignalRate, run.TestBleu!.Value));
        }

        var synthetic = points.Where(p => !p.IsReal).ToList();
        var bleu = synthetic.Select(p => p.Bleu).ToList();
        var fits = Enum.GetValues<MechanismMetric>()
            .Select(metric => new MechanismFit(metric, RelationFit.Compute([.. synthetic.Select(p => p.Value(metric))], bleu, FitResamples, FitSeed)))
            .ToList();
        progress.Report(1);
        return new MechanismsResult
        {
            Selection = selection,
            Points = points,
            Unrecorded = [.. runs.Where((_, i) => measured[i] is null)],
            TokenBudget = budget,
            ChrFThreshold = analyzer.Options.ChrFThreshold,
            Fits = fits,
            Elapsed = watch.Elapsed,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mechanisms of experiment {ExperimentId} at size {Size}: {Points} runs measured, {Unrecorded} without recorded training pairs, in {Elapsed}")]
    private partial void LogAnalyzed(int experimentId, int? size, int points, int unrecorded, TimeSpan elapsed);
}
