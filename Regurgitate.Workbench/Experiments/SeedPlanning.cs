using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Seed planning from an experiment's completed grid runs (see <see cref="SeedPlanner"/>): at each size, every other
/// condition's test BLEU minus the real-data run's, seed by seed (seed k of both drew the same sources); σ̂ pooled over
/// those conditions; the difference detectable now at 80 % power and α = 0.05, and the seeds that would resolve the
/// difference asked for. Like <see cref="LearningCurve"/> it works on the rows the pages already hold, so the
/// experiment page's polling costs no second query.
/// </summary>
public static class SeedPlanning
{
    public const double DefaultDifference = 0.5;

    public static ExperimentSeedPlan From(IEnumerable<ExperimentRunRow> runs, double difference)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (!(difference > 0) || !double.IsFinite(difference))
        {
            throw new ArgumentOutOfRangeException(nameof(difference), $"The difference to resolve must be a positive number of BLEU points (got {difference}).");
        }

        // The latest completed run of each condition × size × seed, as the strategies comparison pairs them.
        var scores = runs
            .Where(r => r.Role == RunRole.Grid && r.Status == RunStatus.Completed && r.TestBleu is not null && r.Condition is not null)
            .GroupBy(r => (Condition: r.Condition!, r.TrainSize, r.Seed))
            .Select(g => g.MaxBy(r => r.RunId)!)
            .ToList();
        var sizes = scores
            .GroupBy(r => r.TrainSize)
            .OrderBy(g => g.Key)
            .Select(g => AtSize(g.Key, g.ToList(), difference))
            .ToList();
        return new ExperimentSeedPlan(difference, sizes);
    }

    private static SizeSeedPlan AtSize(int size, IReadOnlyList<ExperimentRunRow> runs, double difference)
    {
        var real = runs.Where(r => r.Condition == ExperimentGrid.RealCondition).ToDictionary(r => r.Seed, r => r.TestBleu!.Value);
        var differences = runs
            .Where(r => r.Condition != ExperimentGrid.RealCondition && real.ContainsKey(r.Seed))
            .GroupBy(r => r.Condition)
            .Select(g => (IReadOnlyList<double>)[.. g.OrderBy(r => r.Seed).Select(r => r.TestBleu!.Value - real[r.Seed])])
            .ToList();
        if (differences.Count == 0)
        {
            return new SizeSeedPlan(size, 0, 0, null, "No seed has both a real-data run and another condition's run completed at this size yet.");
        }

        var seeds = differences.Min(d => d.Count);
        var (sd, df) = SeedPlanner.PooledStandardDeviation(differences);
        if (seeds < 2 || df == 0)
        {
            return new SizeSeedPlan(size, seeds, differences.Count, null, $"Planning needs at least 2 seeds with real-data and other runs completed (has {seeds}).");
        }

        if (!(sd > 0))
        {
            return new SizeSeedPlan(size, seeds, differences.Count, null, "The differences to real data are the same on every seed, so their spread cannot be estimated yet.");
        }

        return new SizeSeedPlan(size, seeds, differences.Count, SeedPlanner.Plan(seeds, sd, df, difference), null);
    }
}
