namespace Regurgitate.Workbench.Experiments;

/// <summary>Seed planning for an experiment, one row per training size with completed grid runs, smallest first.</summary>
/// <param name="Difference">The test-BLEU difference the user wants to resolve.</param>
public sealed record ExperimentSeedPlan(double Difference, IReadOnlyList<SizeSeedPlan> Sizes)
{
    /// <summary>
    /// Seeds to add so the largest size resolves <see cref="Difference"/>; null when that size has no plan or needs more
    /// than the planner's cap (the figure the <c>More seeds</c> form starts from).
    /// </summary>
    public int? AdditionalSeedsAtLargestSize => Sizes.Count > 0 ? Sizes[^1].Plan?.AdditionalSeeds : null;
}
