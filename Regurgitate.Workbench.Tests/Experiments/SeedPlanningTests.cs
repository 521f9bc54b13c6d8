using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using static Regurgitate.Testing.ExperimentRows;

namespace Regurgitate.Workbench.Tests.Experiments;

public sealed class SeedPlanningTests
{
    // At 1,000 pairs "low" trails real data by 2.0, 2.4, 1.6 on seeds 1–3 and "high" by 0.5, 0.9, 0.1: each condition's
    // differences deviate from their mean by 0, −0.4, +0.4, so σ̂² = (0.32 + 0.32) / (2 + 2) and σ̂ = 0.4 on 4 df.
    private static readonly ExperimentRunRow[] Runs =
    [
        Grid("real", 1_000, 1, RunStatus.Completed, 20.0),
        Grid("real", 1_000, 2, RunStatus.Completed, 21.0),
        Grid("real", 1_000, 3, RunStatus.Completed, 22.5),
        Grid("low", 1_000, 1, RunStatus.Completed, 18.0),
        Grid("low", 1_000, 2, RunStatus.Completed, 18.6),
        Grid("low", 1_000, 3, RunStatus.Completed, 20.9),
        Grid("high", 1_000, 1, RunStatus.Completed, 19.5),
        Grid("high", 1_000, 2, RunStatus.Completed, 20.1),
        Grid("high", 1_000, 3, RunStatus.Completed, 22.4),
        Grid("low", 1_000, 4, RunStatus.Completed, 5.0), // no real-data run of seed 4 to pair with: left out
        Grid("real", 2_000, 1, RunStatus.Completed, 25.0),
        Grid("low", 2_000, 1, RunStatus.Completed, 23.0),
        Grid("low", 2_000, 2, RunStatus.Running),
        Grid("real", 4_000, 1, RunStatus.Completed, 27.0),
    ];

    [Fact]
    public void Each_size_pools_the_paired_differences_to_real_data_over_conditions()
    {
        var plan = SeedPlanning.From(Runs, 0.4);

        Assert.Equal([1_000, 2_000, 4_000], plan.Sizes.Select(s => s.Size));
        var first = plan.Sizes[0];
        Assert.Equal((3, 2), (first.Seeds, first.Comparisons));
        var seeds = Assert.IsType<Regurgitate.Engine.Statistics.SeedPlan>(first.Plan);
        Assert.Equal(0.4, seeds.StandardDeviation, 12);
        Assert.Equal(4, seeds.DegreesOfFreedom);
        Assert.Equal(1.306, seeds.MinimalDetectableDifference, 3); // 3.264 σ: a paired t-test on 3 seeds
        Assert.Equal(10, seeds.SeedsNeeded); // 0.4 BLEU is 1 σ: power.t.test(delta = 1, power = 0.8, type = "one.sample") n = 9.94
        Assert.Equal(7, seeds.AdditionalSeeds);
    }

    [Fact]
    public void Sizes_without_two_paired_seeds_or_without_a_comparison_say_why_and_the_largest_size_decides_the_suggestion()
    {
        var plan = SeedPlanning.From(Runs, 0.4);

        Assert.Null(plan.Sizes[1].Plan);
        Assert.Contains("at least 2 seeds", plan.Sizes[1].Reason, StringComparison.Ordinal);
        Assert.Null(plan.Sizes[2].Plan);
        Assert.Contains("No seed has both", plan.Sizes[2].Reason, StringComparison.Ordinal);
        Assert.Null(plan.SeedsNeededAtLargestSize);

        var oneSize = SeedPlanning.From(Runs.Where(r => r.TrainSize == 1_000), 0.4);
        Assert.Equal(10, oneSize.SeedsNeededAtLargestSize);
    }

    [Fact]
    public void A_rerun_replaces_the_earlier_run_of_its_seed_and_other_roles_and_unfinished_runs_are_ignored()
    {
        // A later run of "low", seed 3, scores 21.3 instead of 20.9: its difference −1.2 widens the spread.
        var rerun = Grid("low", 1_000, 3, RunStatus.Completed, 21.3);
        var generator = Generator("low", RunStatus.Completed);

        var plan = SeedPlanning.From([.. Runs, rerun, generator, Grid("high", 1_000, 3, RunStatus.Failed, 99)], 0.4);

        // low: −2.0, −2.4, −1.2 (mean −1.8656…, squares 0.7466…); high unchanged (0.32).
        var low = new[] { -2.0, -2.4, -1.2 };
        var squares = low.Sum(d => (d - low.Average()) * (d - low.Average())) + 0.32;
        Assert.Equal(Math.Sqrt(squares / 4), plan.Sizes[0].Plan!.StandardDeviation, 12);
    }

    [Fact]
    public void Identical_differences_on_every_seed_cannot_be_planned_from()
    {
        var plan = SeedPlanning.From(
            [Grid("real", 500, 1, RunStatus.Completed, 20), Grid("real", 500, 2, RunStatus.Completed, 21), Grid("low", 500, 1, RunStatus.Completed, 19), Grid("low", 500, 2, RunStatus.Completed, 20)],
            0.5);

        Assert.Null(plan.Sizes.Single().Plan);
        Assert.Contains("same on every seed", plan.Sizes.Single().Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_difference_must_be_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedPlanning.From(Runs, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SeedPlanning.From(Runs, double.NaN));
    }

    [Fact]
    public void The_text_gives_one_line_per_size_with_the_assumptions_first()
    {
        var lines = SeedPlanText.Lines(SeedPlanning.From(Runs, 0.4));

        Assert.Equal(4, lines.Count);
        Assert.Contains("paired two-sided t-test", lines[0], StringComparison.Ordinal);
        Assert.Contains("itself uncertain", lines[0], StringComparison.Ordinal);
        Assert.Equal("    1,000 pairs: 3 seeds, σ of paired differences 0.40 BLEU (4 df); detectable now 1.31 BLEU; to resolve 0.4 BLEU: 10 seeds (7 more)", lines[1]);
        Assert.Contains("at least 2 seeds", lines[2], StringComparison.Ordinal);
        Assert.Equal(["Seed planning (paired two-sided t-test over seeds on test BLEU minus real data's, α = 0.05, 80 % power; σ is estimated from the seeds so far, so the plan is itself uncertain):", "  No completed grid runs to plan from yet."], SeedPlanText.Lines(SeedPlanning.From([], 0.5)));
        Assert.Contains("more than 1,000 seeds", SeedPlanText.Lines(SeedPlanning.From(Runs, 0.01))[1], StringComparison.Ordinal);
    }
}
