using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Engine.Tests.Experiments.Design;

public sealed class SeedExtensionTests
{
    private static readonly ExperimentSpec Stored = ExperimentTemplates.MitigationStrategies() with { Seeds = [1, 2] };

    [Fact]
    public void A_spec_that_only_adds_seeds_extends_the_stored_one()
    {
        Assert.Equal([3, 4], SeedExtension.AddedSeeds(Stored, Stored with { Seeds = [1, 2, 3, 4] }));
        Assert.Equal([5], SeedExtension.AddedSeeds(Stored, Stored with { Seeds = [5, 2, 1] }));
        Assert.Empty(SeedExtension.AddedSeeds(Stored, Stored with { Seeds = [2, 1] })!);
    }

    [Fact]
    public void Any_other_change_or_a_dropped_seed_does_not()
    {
        Assert.Null(SeedExtension.AddedSeeds(Stored, Stored with { Seeds = [1, 3] }));
        Assert.Null(SeedExtension.AddedSeeds(Stored, Stored with { Seeds = [1, 2, 3], Sizes = [4_000] }));
        Assert.Null(SeedExtension.AddedSeeds(Stored, Stored with { Seeds = [1, 2, 3], Mitigation = Stored.Mitigation with { Seed = 9 } }));
    }

    [Fact]
    public void Growing_appends_new_seeds_in_order_and_keeps_every_stored_run_of_the_grid()
    {
        var grown = SeedExtension.WithSeeds(Stored, [4, 2, 3, 4]);

        Assert.Equal([1, 2, 4, 3], grown.Seeds);
        var before = ExperimentGrid.Expand(Stored).Runs;
        var after = ExperimentGrid.Expand(grown).Runs;
        Assert.Equal(before.Count * 2, after.Count);
        // The runs the stored grid has are in the grown one unchanged, so resuming finds them completed.
        Assert.All(before, run => Assert.Contains(after, other =>
            other.Condition == run.Condition && other.Size == run.Size && other.Seed == run.Seed
            && System.Text.Json.JsonSerializer.Serialize(other.Config) == System.Text.Json.JsonSerializer.Serialize(run.Config)));
    }
}
