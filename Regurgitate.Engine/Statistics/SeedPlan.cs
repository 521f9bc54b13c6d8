namespace Regurgitate.Engine.Statistics;

/// <summary>
/// What the seeds run so far say about the seeds still needed (see <see cref="SeedPlanner"/>), in the metric's units.
/// </summary>
/// <param name="Seeds">Seeds so far: the sample size of the paired t-test.</param>
/// <param name="StandardDeviation">σ̂, the pooled standard deviation of the per-seed differences.</param>
/// <param name="DegreesOfFreedom">Degrees of freedom behind σ̂: the more, the less the plan itself varies.</param>
/// <param name="MinimalDetectableDifference">The smallest true difference detected with <see cref="Power"/> at <see cref="Seeds"/> seeds.</param>
/// <param name="Difference">The difference the user wants to resolve.</param>
/// <param name="SeedsNeeded">Seeds (in all, not more) that detect <see cref="Difference"/> with <see cref="Power"/>; null when more than <see cref="SeedPlanner.MaxSeeds"/>.</param>
public sealed record SeedPlan(
    int Seeds,
    double StandardDeviation,
    int DegreesOfFreedom,
    double MinimalDetectableDifference,
    double Difference,
    int? SeedsNeeded,
    double Alpha,
    double Power)
{
    /// <summary>Seeds to add to reach <see cref="SeedsNeeded"/>; 0 when there are enough; null when more than the cap.</summary>
    public int? AdditionalSeeds => SeedsNeeded is { } needed ? Math.Max(0, needed - Seeds) : null;
}
