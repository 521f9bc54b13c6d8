using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Analysis;

/// <summary>One data condition of an experiment: its training data's error rate and diversity, and its final test BLEU.</summary>
/// <param name="ErrorRate">Share of training targets with sentence chrF2 below the threshold against the human reference (0 for real data by definition).</param>
/// <param name="Mtld">MTLD of the condition's targets.</param>
/// <param name="Bleu">Mean test BLEU of the completed runs at <paramref name="Size"/> (the largest size with a completed run); null when none completed.</param>
/// <param name="Seeds">Completed runs averaged into <paramref name="Bleu"/>.</param>
/// <param name="Mixed">True when the values are share-weighted means over the condition's components (real data counted with its fraction).</param>
public sealed record ConditionPoint(string Condition, double ErrorRate, double Mtld, double? Bleu, int? Size, int Seeds, bool Mixed);

/// <summary>The study's argument on one experiment: each condition's error rate and diversity against its BLEU, with Pearson r.</summary>
public sealed record MechanismsResult(IReadOnlyList<ConditionPoint> Points, double? ErrorRateVsBleu, double? MtldVsBleu, int N);

/// <summary>
/// Puts an experiment's conditions next to the errors and diversity of their training data. The synthetic targets of
/// every generator the spec uses (published ids as given, local generators by their dataset ids) are analysed in one
/// <see cref="DatasetAnalysis"/> against the human references; a condition with one generator and no real share takes
/// that side's values, a mixture the share-weighted mean of its components' values with the real data counted at its
/// fraction (an approximation: MTLD of a mixture is not the mean of its parts).
/// </summary>
public static class ConditionMechanisms
{
    /// <summary>The synthetic set ids an experiment's conditions draw on, in grid order.</summary>
    public static IReadOnlyList<string> SetIds(ExperimentSpec spec) =>
        [.. ExperimentGrid.Expand(spec).Runs
            .SelectMany(r => r.Config.Mixture.Synthetic)
            .Select(s => s.GeneratorId)
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    public static MechanismsResult Build(ExperimentSpec spec, IReadOnlyList<ExperimentRunRow> runs, DatasetAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(analysis);
        var sides = analysis.Report.Sides;
        var reference = sides[0];
        var bySet = analysis.SetIds.Select((id, k) => (id, side: sides[k + 1])).ToDictionary(x => x.id, x => x.side, StringComparer.OrdinalIgnoreCase);

        var points = new List<ConditionPoint>();
        foreach (var condition in ExperimentGrid.Expand(spec).Runs.GroupBy(r => r.Condition, StringComparer.Ordinal))
        {
            var grid = condition.First();
            var shares = grid.Config.Mixture.Synthetic;
            var weight = shares.Sum(s => s.Weight);
            var components = new List<(double Weight, double Error, double Mtld)> { (grid.RealFraction, 0, reference.Diversity.Mtld) };
            foreach (var share in shares)
            {
                if (!bySet.TryGetValue(share.GeneratorId, out var side))
                {
                    throw new InvalidOperationException($"The analysis does not include '{share.GeneratorId}' used by condition '{condition.Key}'.");
                }

                components.Add(((1 - grid.RealFraction) * share.Weight / weight, side.Errors?.ChrF.ErrorRate ?? double.NaN, side.Diversity.Mtld));
            }

            components.RemoveAll(c => c.Weight <= 0);
            var total = components.Sum(c => c.Weight);
            var completed = runs
                .Where(r => r.Role == RunRole.Grid && r.Status == RunStatus.Completed && r.TestBleu is not null && r.Condition == condition.Key)
                .ToList();
            var size = completed.Count == 0 ? (int?)null : completed.Max(r => r.TrainSize);
            var final = completed.Where(r => r.TrainSize == size).ToList();
            points.Add(new ConditionPoint(
                condition.Key,
                components.Sum(c => c.Weight * c.Error) / total,
                components.Sum(c => c.Weight * c.Mtld) / total,
                final.Count == 0 ? null : final.Average(r => r.TestBleu!.Value),
                size,
                final.Count,
                components.Count > 1));
        }

        var scored = points.Where(p => p.Bleu is not null).ToList();
        return new MechanismsResult(
            points,
            Pearson(scored.Select(p => p.ErrorRate).ToList(), scored.Select(p => p.Bleu!.Value).ToList()),
            Pearson(scored.Select(p => p.Mtld).ToList(), scored.Select(p => p.Bleu!.Value).ToList()),
            scored.Count);
    }

    /// <summary>Pearson's r; null with fewer than three points or no spread.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 3 || x.Concat(y).Any(double.IsNaN))
        {
            return null;
        }

        var mx = x.Average();
        var my = y.Average();
        var sxy = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        var sxx = x.Sum(v => (v - mx) * (v - mx));
        var syy = y.Sum(v => (v - my) * (v - my));
        return sxx <= 0 || syy <= 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }
}
