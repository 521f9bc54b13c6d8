using System.Globalization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Equal training budgets per size. The all-real run of each size and seed is the reference: its steps and target
/// tokens follow from its batch plan (<see cref="TrainingSetPlanner"/>) before anything trains. Under
/// <see cref="TrainingBudget.MatchedSteps"/> every run of that size and seed then trains for exactly those steps,
/// under <see cref="TrainingBudget.MatchedTokens"/> until it has seen those target tokens; runs whose data packs into
/// fewer batches loop over it. The budget is written into each run's configuration, so a run's config.json says what
/// it trained for. Warm-up is part of the budget: a warm-up longer than half a reference run's steps is refused
/// (its learning rate would barely reach the peak before training ends), not silently shortened.
/// </summary>
public static class TrainingBudgets
{
    /// <summary>
    /// The configuration of the all-real run of every size and seed, whether or not the grid trains it: the real
    /// condition's own configuration, or a synthetic condition's with its synthetic share and order removed (the same
    /// candidate sources, since every grid run aligns with the same sets).
    /// </summary>
    public static IReadOnlyDictionary<(int Size, int Seed), RunConfig> References(ExperimentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var references = new Dictionary<(int Size, int Seed), RunConfig>();
        foreach (var point in plan.Runs.OrderBy(p => p.RealFraction >= 1.0 ? 0 : 1))
        {
            references.TryAdd((point.Size, point.Seed), point.RealFraction >= 1.0
                ? point.Config
                : point.Config with { Mixture = point.Config.Mixture with { RealFraction = 1.0, Synthetic = [], Order = null } });
        }

        return references;
    }

    /// <summary>The plan with each grid run's budget set from the planned reference runs; unchanged under <see cref="TrainingBudget.Epochs"/>.</summary>
    /// <exception cref="ExperimentSpecException">A reference is missing, or the warm-up exceeds half a reference run's steps (<c>training.warmupSteps</c>).</exception>
    public static ExperimentPlan Apply(ExperimentPlan plan, IReadOnlyDictionary<(int Size, int Seed), TrainingSchedule> planned)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(planned);
        var budget = plan.Spec.Budget;
        if (budget == TrainingBudget.Epochs)
        {
            return plan;
        }

        var missing = plan.Runs.Select(r => (r.Size, r.Seed)).Distinct().Where(key => !planned.ContainsKey(key)).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException($"No planned reference run for size {missing[0].Size} and seed {missing[0].Seed}.", nameof(planned));
        }

        var warmup = plan.Spec.Training.WarmupSteps;
        var shortest = planned.Where(p => plan.Runs.Any(r => r.Size == p.Key.Size && r.Seed == p.Key.Seed)).MinBy(p => p.Value.Steps);
        if (warmup > shortest.Value.Steps / 2)
        {
            var run = string.Create(CultureInfo.InvariantCulture, $"the all-real run of size {shortest.Key.Size:N0} (seed {shortest.Key.Seed})");
            throw new ExperimentSpecException([new RunConfigError("training.warmupSteps", WarmupMessage(warmup, shortest.Value.Steps, run))]);
        }

        return plan with
        {
            Runs = [.. plan.Runs.Select(point => point with { Config = point.Config with { Training = Budgeted(point.Config.Training, budget, planned[(point.Size, point.Seed)]) } })],
        };
    }

    /// <summary>Why a warm-up is refused: it must be at most half the steps of the shortest run it applies to.</summary>
    public static string WarmupMessage(int warmupSteps, int steps, string run) => string.Create(
        CultureInfo.InvariantCulture,
        $"The warm-up of {warmupSteps:N0} steps is more than half of the {steps:N0} steps of {run}; the learning rate would hardly reach its peak before training ends. Use at most {steps / 2:N0} warm-up steps or train longer.");

    private static TrainingConfig Budgeted(TrainingConfig training, TrainingBudget budget, TrainingSchedule reference) => budget switch
    {
        // MaxSteps is the reference's own step count, and the dev evaluation (normally only at the end) must fit in it.
        TrainingBudget.MatchedSteps => training with { Epochs = null, MaxTargetTokens = null, MaxSteps = reference.Steps, EvaluateEvery = Math.Min(training.EvaluateEvery, reference.Steps) },
        TrainingBudget.MatchedTokens => training with { Epochs = null, MaxTargetTokens = reference.TargetTokens },
        _ => training,
    };
}
