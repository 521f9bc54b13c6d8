using System.Globalization;
using Regurgitate.Engine.Statistics;

namespace Regurgitate.Workbench.Experiments;

/// <summary>Seed planning as plain-text lines, as <c>regurgitate run</c> prints it after the learning curve.</summary>
public static class SeedPlanText
{
    public static string Heading { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"Seed planning (paired two-sided t-test over seeds on test BLEU minus real data's, α = {SeedPlanner.Alpha}, {SeedPlanner.TargetPower:P0} power; σ is estimated from the seeds so far, so the plan is itself uncertain):");

    public static IReadOnlyList<string> Lines(ExperimentSeedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Sizes.Count == 0)
        {
            return [Heading, "  No completed grid runs to plan from yet."];
        }

        return [Heading, .. plan.Sizes.Select(Line)];
    }

    /// <summary>"9 seeds (6 more)", "3 seeds (enough)" or "more than 1,000 seeds".</summary>
    public static string SeedsNeeded(SeedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.SeedsNeeded is { } needed
            ? string.Create(CultureInfo.InvariantCulture, $"{needed:N0} seeds ({(plan.AdditionalSeeds > 0 ? $"{plan.AdditionalSeeds:N0} more" : "enough")})")
            : string.Create(CultureInfo.InvariantCulture, $"more than {SeedPlanner.MaxSeeds:N0} seeds");
    }

    private static string Line(SizeSeedPlan size) => size.Plan is { } plan
        ? string.Create(
            CultureInfo.InvariantCulture,
            $"  {size.Size,7:N0} pairs: {plan.Seeds} seeds, σ of paired differences {plan.StandardDeviation:0.00} BLEU ({plan.DegreesOfFreedom} df); detectable now {plan.MinimalDetectableDifference:0.00} BLEU; to resolve {plan.Difference:0.##} BLEU: {SeedsNeeded(plan)}")
        : string.Create(CultureInfo.InvariantCulture, $"  {size.Size,7:N0} pairs: {size.Reason}");
}
