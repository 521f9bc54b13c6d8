namespace Regurgitate.Workbench.Experiments;

/// <summary>Seed planning for an experiment, one row per training size with completed grid runs, smallest first.</summary>
/// <param name="Difference">The test-BLEU difference the user wants to resolve.</param>
public sealed record ExperimentSeedPlan(double Difference, IReadOnlyList<SizeSeedPlan> Sizes)
{
    /// <summary>
    /// Seeds in all that resolve <see cref="Difference"/> at the largest size (the one the <c>More seeds</c> form plans
    /// for); null when that size has no plan or needs more than the planner's cap.
    /// </summary>
    public int? SeedsNeededAtLargestSize => Sizes.Count > 0 ? Sizes[^1].Plan?.SeedsNeeded : null;
}
