using Regurgitate.Engine.Experiments;

namespace Regurgitate.Engine.Training;

/// <summary>
/// How long a run trains, decided before its first step from its batch plan: the optimiser steps and the target and
/// source tokens (EOS included, padding excluded) those steps consume. Every epoch of a <see cref="TokenBatchPlanner"/>
/// packs the same multiset of target lengths, so it has the same number of batches and tokens, and only the order of the
/// last, partial epoch matters; the plan is seeded, so the schedule is the same in every process.
/// </summary>
/// <param name="PairsKept">Training pairs left after the length filter.</param>
/// <param name="PairsDropped">Pairs left out for an empty side or a side longer than <see cref="TrainingConfig.MaxTokensPerSentence"/>.</param>
public sealed record TrainingSchedule(int Steps, long TargetTokens, long SourceTokens, int PairsKept, int PairsDropped)
{
    /// <summary>
    /// Steps: <see cref="TrainingConfig.MaxTargetTokens"/> when set (the first step whose running total reaches it), else
    /// <see cref="TrainingConfig.Epochs"/> passes rounded up to whole batches, else <see cref="TrainingConfig.MaxSteps"/>;
    /// never more than <see cref="TrainingConfig.MaxSteps"/>.
    /// </summary>
    public static TrainingSchedule Plan(TokenBatchPlanner planner, IReadOnlyList<EncodedPair> pairs, TrainingConfig training, int pairsDropped)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(training);
        var firstEpoch = planner.PlanEpoch(0);
        var batchesPerEpoch = firstEpoch.Count;
        var limit = training.MaxTargetTokens is null && training.Epochs is { } epochs
            ? Math.Min(training.MaxSteps, Math.Max(1, (int)Math.Ceiling(epochs * batchesPerEpoch)))
            : training.MaxSteps;
        var targetBudget = training.MaxTargetTokens ?? long.MaxValue;
        var epochTarget = pairs.Sum(p => (long)p.Target.Length + 1);
        var epochSource = pairs.Sum(p => (long)p.Source.Length + 1);

        int steps = 0, epoch = 0;
        long target = 0, source = 0;
        // Whole epochs need no plan: they hold every pair once.
        while (steps + batchesPerEpoch <= limit && target + epochTarget < targetBudget)
        {
            steps += batchesPerEpoch;
            target += epochTarget;
            source += epochSource;
            epoch++;
        }

        for (; steps < limit && target < targetBudget; epoch++)
        {
            var plan = epoch == 0 ? firstEpoch : planner.PlanEpoch(epoch);
            for (var index = 0; index < plan.Count && steps < limit && target < targetBudget; index++)
            {
                steps++;
                target += plan[index].Sum(i => (long)pairs[i].Target.Length + 1);
                source += plan[index].Sum(i => (long)pairs[i].Source.Length + 1);
            }
        }

        return new TrainingSchedule(steps, target, source, pairs.Count, pairsDropped);
    }
}
