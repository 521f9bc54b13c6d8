using System.Globalization;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Training;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Sets every grid run's training budget before the grid is queued: plans the all-real run of each size and seed with
/// the experiment's shared tokenizer (<see cref="TrainingSetPlanner"/>) and gives every condition its steps or tokens
/// (<see cref="TrainingBudgets"/>). Deterministic, so a resumed experiment queues the same configurations.
/// </summary>
public sealed class ExperimentBudgets(TrainingSetPlanner planner)
{
    /// <summary>How an experiment page or the command line names a spec's budget.</summary>
    public static string Describe(TrainingBudget budget) => budget switch
    {
        TrainingBudget.MatchedSteps => "budget: matched-steps (every condition trains for the all-real run's steps at each size and seed)",
        TrainingBudget.MatchedTokens => "budget: matched-tokens (every condition trains on the all-real run's target tokens at each size and seed)",
        _ => "budget: epochs (per-condition step counts differ)",
    };

    /// <exception cref="ExperimentSpecException">The warm-up is over half of an all-real run's planned steps.</exception>
    public async Task<ExperimentPlan> ApplyAsync(ExperimentPlan plan, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Spec.Budget == TrainingBudget.Epochs)
        {
            return plan;
        }

        var references = TrainingBudgets.References(plan);
        var planned = new Dictionary<(int Size, int Seed), TrainingSchedule>();
        foreach (var ((size, seed), config) in references)
        {
            progress?.Report(new ExperimentProgress("Preparing", string.Create(CultureInfo.InvariantCulture, $"Planning the training budget of the all-real run of size {size:N0}, seed {seed}"), 0, plan.Runs.Count));
            planned[(size, seed)] = await planner.PlanAsync(config, cancellationToken);
        }

        return TrainingBudgets.Apply(plan, planned);
    }
}
