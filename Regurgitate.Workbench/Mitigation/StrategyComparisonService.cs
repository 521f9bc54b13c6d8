using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Caching;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Scheduling;

namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// Reads every completed grid run's test translations, turns them into per-segment BLEU statistics (cached per run,
/// at most <see cref="StatisticsCacheRuns"/> runs, and read again when a run's test files change on disk) and measures
/// each condition against the baseline, pairing runs by seed: differences in BLEU with the
/// <see cref="HierarchicalBootstrap"/> and a t-interval, then <see cref="GapClosure"/>. Runs through the
/// <see cref="HeavyWorkScheduler"/>; identical simultaneous requests share one computation.
/// </summary>
public sealed class StrategyComparisonService(IDbContextFactory<RegurgitateDbContext> contextFactory, Folders.ArtifactFolders folders, HeavyWorkScheduler scheduler)
    : IStrategyComparisonService
{
    public const int Resamples = HierarchicalBootstrap.DefaultResamples;

    /// <summary>Runs whose statistics are kept, least recently used evicted first.</summary>
    public const int StatisticsCacheRuns = 1_024;

    private readonly StampedCache<ScoredRun> statistics = new(StatisticsCacheRuns, _ => 1);

    /// <summary>Runs whose statistics are kept in memory.</summary>
    internal int CachedRuns => statistics.Count;

    public Task<StrategyComparison?> CompareAsync(int experimentId, string? baselineCondition, CancellationToken cancellationToken) =>
        scheduler.RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"{nameof(StrategyComparisonService)}|{experimentId}|{baselineCondition}"),
            (_, token) => CompareNowAsync(experimentId, baselineCondition, token),
            null,
            cancellationToken);

    // Awaits keep their context: the work stays on the scheduler's low-priority threads.
    private async Task<StrategyComparison?> CompareNowAsync(int experimentId, string? baselineCondition, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var specJson = await context.Experiments.Where(e => e.Id == experimentId).Select(e => e.SpecJson).SingleOrDefaultAsync(cancellationToken);
        if (specJson is null)
        {
            return null;
        }

        var plan = ExperimentGrid.Expand(ExperimentSpecJson.Parse(specJson, $"experiment {experimentId}"));
        var runs = await context.Runs.AsNoTracking()
            .Where(r => r.ExperimentId == experimentId && r.Role == RunRole.Grid && r.Status == RunStatus.Completed)
            .Select(r => new { r.Id, r.Condition, r.TrainSize, r.Seed, r.LastStep, r.TargetTokens })
            .ToListAsync(cancellationToken);

        var conditions = plan.Runs.Select(r => r.Condition).Distinct().ToList();
        var strategyOf = plan.Runs.GroupBy(r => r.Condition).ToDictionary(g => g.Key, g => g.First().Strategy);
        var baseline = baselineCondition is not null && conditions.Contains(baselineCondition) && baselineCondition != ExperimentGrid.RealCondition
            ? baselineCondition
            : plan.Runs.FirstOrDefault(r => r.RealFraction <= 0 && r.Strategy == "random")?.Condition
              ?? conditions.FirstOrDefault(c => c != ExperimentGrid.RealCondition);
        if (baseline is null || !conditions.Contains(ExperimentGrid.RealCondition))
        {
            return null;
        }

        var notes = new List<string>();
        var rows = new List<StrategyComparisonRow>();
        var unequalSteps = new List<StepSpread>();
        string? signature = null;
        string[]? references = null;
        var sizes = plan.Spec.Sizes.Order().ToList();
        foreach (var size in sizes)
        {
            var bySeed = new Dictionary<string, Dictionary<int, SegmentStatistics>>();
            var budgets = new Dictionary<string, Dictionary<int, (int Steps, long? TargetTokens)>>();
            foreach (var condition in conditions)
            {
                var seeds = new Dictionary<int, SegmentStatistics>();
                var trained = new Dictionary<int, (int Steps, long? TargetTokens)>();
                foreach (var run in runs.Where(r => r.Condition == condition && r.TrainSize == size).GroupBy(r => r.Seed).Select(g => g.MaxBy(r => r.Id)!))
                {
                    var scored = await StatisticsAsync(run.Id, cancellationToken);
                    if (scored is null)
                    {
                        notes.Add($"Run {run.Id} ({condition}, {size:N0}, seed {run.Seed}) has no test translations; left out.");
                        continue;
                    }

                    references ??= scored.References;
                    if (!scored.References.SequenceEqual(references, StringComparer.Ordinal))
                    {
                        notes.Add($"Run {run.Id} ({condition}, {size:N0}, seed {run.Seed}) was tested on other references; left out.");
                        continue;
                    }

                    signature ??= scored.Statistics.Signature;
                    seeds[run.Seed] = scored.Statistics;
                    trained[run.Seed] = (run.LastStep, run.TargetTokens);
                }

                bySeed[condition] = seeds;
                budgets[condition] = trained;
            }

            if (StepsDiffer(size, budgets.Values) is { } spread)
            {
                unequalSteps.Add(spread);
            }

            foreach (var condition in conditions)
            {
                var seeds = bySeed[condition];
                if (seeds.Count == 0)
                {
                    continue;
                }

                var scores = seeds.Values.Select(s => s.CorpusScore()).ToList();
                var mean = scores.Average();
                var sd = scores.Count > 1 ? Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Count - 1)) : 0.0;
                var (difference, gap) = condition == baseline
                    ? (null, null)
                    : AgainstBaseline(bySeed, condition, baseline, cancellationToken);
                var sameData = plan.Runs.Where(r => r.Condition == condition && r.Size == size).All(r => MixtureComposer.SameSetForEverySeed(r.Config.Mixture, size));
                // Like the learning curve, a budget is shown only when every seed recorded one, so a mean never mixes recorded and missing runs.
                var budget = budgets[condition].Values;
                var budgeted = budget.All(b => b.TargetTokens is not null);
                rows.Add(new StrategyComparisonRow(
                    condition, strategyOf[condition], size, seeds.Count, mean, sd, difference, gap, sameData,
                    budgeted ? budget.Average(b => (double)b.Steps) : null,
                    budgeted ? budget.Average(b => (double)b.TargetTokens!.Value) : null));
            }
        }

        return rows.Count == 0
            ? null
            : new StrategyComparison(ExperimentGrid.RealCondition, baseline, conditions, sizes, rows, signature!, Resamples, notes, unequalSteps);
    }

    /// <summary>
    /// The spread of steps at a size when two conditions trained for different numbers of steps on one seed; null when
    /// every seed's conditions trained equally long. Seeds are compared one by one because a matched budget equalises
    /// steps per seed, not across seeds (each seed's all-real run draws other pairs).
    /// </summary>
    private static StepSpread? StepsDiffer(int size, IEnumerable<Dictionary<int, (int Steps, long? TargetTokens)>> conditions)
    {
        var bySeed = conditions.SelectMany(c => c).GroupBy(s => s.Key, s => s.Value.Steps).ToList();
        if (!bySeed.Any(seed => seed.Distinct().Skip(1).Any()))
        {
            return null;
        }

        var steps = bySeed.SelectMany(seed => seed).ToList();
        return new StepSpread(size, steps.Min(), steps.Max());
    }

    /// <summary>
    /// Real data: real − baseline over the seeds both have. A strategy: with real-data runs on shared seeds, the gap
    /// closure over the seeds all three have (its strategy − baseline is the row's difference); otherwise strategy −
    /// baseline alone. Every analysis draws its resamples from the same seed, so rows over the same seeds share them.
    /// </summary>
    private static (PairedDifference?, GapClosureResult?) AgainstBaseline(
        Dictionary<string, Dictionary<int, SegmentStatistics>> bySeed, string condition, string baseline, CancellationToken cancellationToken)
    {
        var real = bySeed[ExperimentGrid.RealCondition];
        var withBaseline = bySeed[condition].Keys.Intersect(bySeed[baseline].Keys).Order().ToList();
        var withBoth = withBaseline.Intersect(real.Keys).ToList();
        if (condition != ExperimentGrid.RealCondition && withBoth.Count > 0)
        {
            var gap = GapClosure.Compute(
                [.. withBoth.Select(s => real[s])], [.. withBoth.Select(s => bySeed[baseline][s])], [.. withBoth.Select(s => bySeed[condition][s])],
                Resamples, cancellationToken: cancellationToken);
            return (gap.StrategyMinusBaseline, gap);
        }

        if (withBaseline.Count == 0)
        {
            return (null, null);
        }

        IReadOnlyList<SegmentStatistics>[] pair = [[.. withBaseline.Select(s => bySeed[condition][s])], [.. withBaseline.Select(s => bySeed[baseline][s])]];
        return (HierarchicalBootstrap.Resample(pair, Resamples, cancellationToken: cancellationToken).Difference(0, 1), null);
    }

    /// <returns>Null when the run kept no test translations.</returns>
    private async Task<ScoredRun?> StatisticsAsync(int runId, CancellationToken cancellationToken)
    {
        var directory = await folders.VerifyRunAsync(runId, cancellationToken);
        var files = TestOutputs.PathsOf(directory);
        if (!files.All(File.Exists))
        {
            return null;
        }

        return await statistics.GetAsync(
            runId.ToString(CultureInfo.InvariantCulture),
            FileStamps.Of(files),
            async token =>
            {
                var outputs = await TestOutputs.ReadAsync(directory, token)
                    ?? throw new FileNotFoundException($"Run {runId}'s test translations disappeared from '{directory}' while being read.");
                string[] references = [.. outputs.References];
                return new ScoredRun(new BleuMetric().CorpusStatistics(outputs.Hypotheses, [references]), references);
            },
            cancellationToken);
    }

    private sealed record ScoredRun(SegmentStatistics Statistics, string[] References);
}
