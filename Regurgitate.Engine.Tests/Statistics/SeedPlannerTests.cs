using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Tests.Statistics;

public sealed class SeedPlannerTests
{
    [Fact]
    public void The_pooled_standard_deviation_sums_squares_and_degrees_of_freedom_over_conditions()
    {
        // [1, 2, 3]: squares 2 on 2 df; [0, 4]: squares 8 on 1 df; [7]: one seed, nothing to add.
        var (sd, df) = SeedPlanner.PooledStandardDeviation([[1, 2, 3], [0, 4], [7]]);

        Assert.Equal(3, df);
        Assert.Equal(Math.Sqrt(10.0 / 3), sd, 12);
    }

    [Fact]
    public void Without_two_seeds_in_any_condition_there_is_nothing_to_pool()
    {
        var (sd, df) = SeedPlanner.PooledStandardDeviation([[1], [2]]);

        Assert.Equal(0, df);
        Assert.True(double.IsNaN(sd));
    }

    [Fact]
    public void A_plan_scales_the_t_test_answers_by_the_estimated_standard_deviation()
    {
        // σ̂ = 0.4 BLEU from 3 seeds: at 80 % power a paired test on 3 seeds detects 3.264 σ; resolving 0.4 BLEU is an
        // effect of 1 σ, which needs 10 seeds (power.t.test(delta = 1, power = 0.8, type = "one.sample"): n = 9.94).
        var plan = SeedPlanner.Plan(seeds: 3, standardDeviation: 0.4, degreesOfFreedom: 4, difference: 0.4);

        Assert.Equal(0.4 * TTestPower.MinimalDetectableEffect(3), plan.MinimalDetectableDifference, 12);
        Assert.Equal(1.3056, plan.MinimalDetectableDifference, 3);
        Assert.Equal(10, plan.SeedsNeeded);
        Assert.Equal(7, plan.AdditionalSeeds);
        Assert.Equal((0.05, 0.8, 4), (plan.Alpha, plan.Power, plan.DegreesOfFreedom));
    }

    [Fact]
    public void Enough_seeds_need_none_more_and_tiny_differences_need_more_than_the_cap()
    {
        Assert.Equal(0, SeedPlanner.Plan(12, 0.4, 20, 0.5).AdditionalSeeds);

        var hopeless = SeedPlanner.Plan(3, 1.0, 4, 0.01);
        Assert.Null(hopeless.SeedsNeeded);
        Assert.Null(hopeless.AdditionalSeeds);
    }

    [Fact]
    public void Plans_need_two_seeds_a_spread_and_a_positive_difference()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedPlanner.Plan(1, 0.4, 1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedPlanner.Plan(3, 0, 4, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedPlanner.Plan(3, 0.4, 0, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedPlanner.Plan(3, 0.4, 4, -0.5));
    }
}
