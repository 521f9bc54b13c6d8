using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Mitigation;
using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Strategies;

/// <summary>
/// Reads every completed grid run's test translations, turns them into per-segment BLEU statistics (cached per run:
/// a finished run's translations never change) and measures each condition against the baseline, pairing runs by seed:
/// differences in BLEU with the <see cref="HierarchicalBootstrap"/> and a t-interval, then <see cref="GapClosure"/>.
/// </summary>
public sealed class StrategyComparisonService(IDbContextFactory<RegurgitateDbContext> contextFactory, Folders.ArtifactFolders folders) : IStrategyComparisonService
{
    public const int Resamples = HierarchicalBootstrap.DefaultResamples;

    private readonly ConcurrentDictionary<int, (SegmentStatistics Statistics, string[] References)> _statistics = new();

    public async Task<StrategyComparison?> CompareAsync(int experimentId, string? baselineCondition, CancellationToken cancellationToken)
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
            .Select(r => new { r.Id, r.Condition, r.TrainSize, r.Seed })
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
        string? signature = null;
        string[]? references = null;
        var sizes = plan.Spec.Sizes.Order().ToList();
        foreach (var size in sizes)
        {
            var bySeed = new Dictionary<string, Dictionary<int, SegmentStatistics>>();
            foreach (var condition in conditions)
            {
                var seeds = new Dictionary<int, SegmentStatistics>();
                foreach (var run in runs.Where(r => r.Condition == condition && r.TrainSize == size).GroupBy(r => r.Seed).Select(g => g.MaxBy(r => r.Id)!))
                {
                    var scored = await StatisticsAsync(run.Id, cancellationToken);
                    if (scored is null)
                    {
                        notes.Add($"Run {run.Id} ({condition}, {size:N0}, seed {run.Seed}) has no test translations; left out.");
                        continue;
                    }

                    references ??= scored.Value.References;
                    if (!scored.Value.References.SequenceEqual(references, StringComparer.Ordinal))
                    {
                        notes.Add($"Run {run.Id} ({condition}, {size:N0}, seed {run.Seed}) was tested on other references; left out.");
                        continue;
                    }

                    signature ??= scored.Value.Statistics.Signature;
                    seeds[run.Seed] = scored.Value.Statistics;
                }

                bySeed[condition] = seeds;
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
                    : await Task.Run(() => AgainstBaseline(bySeed, condition, baseline, cancellationToken), cancellationToken);
                var sameData = plan.Runs.Where(r => r.Condition == condition && r.Size == size).All(r => MixtureComposer.SameSetForEverySeed(r.Config.Mixture, size));
                rows.Add(new StrategyComparisonRow(condition, strategyOf[condition], size, seeds.Count, mean, sd, difference, gap, sameData));
            }
        }

        return rows.Count == 0
            ? null
            : new StrategyComparison(ExperimentGrid.RealCondition, baseline, conditions, sizes, rows, signature!, Resamples, notes);
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

    private async Task<(SegmentStatistics Statistics, string[] References)?> StatisticsAsync(int runId, CancellationToken cancellationToken)
    {
        if (_statistics.TryGetValue(runId, out var cached))
        {
            return cached;
        }

        var outputs = await TestOutputs.ReadAsync(await folders.VerifyRunAsync(runId, cancellationToken), cancellationToken);
        if (outputs is not { } files)
        {
            return null;
        }

        string[] references = [.. files.References];
        var statistics = new BleuMetric().CorpusStatistics(files.Hypotheses, [references]);
        return _statistics[runId] = (statistics, references);
    }
}
