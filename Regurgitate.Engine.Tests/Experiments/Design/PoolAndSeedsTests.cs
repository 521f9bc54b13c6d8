using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Tests.Experiments.Design;

/// <summary>Sizes the pool can hold, a pool larger than the sizes for every design, and data seeds apart from initialisation seeds.</summary>
public sealed class PoolAndSeedsTests
{
    private static readonly CorpusLoader Loader = new(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()));

    // A plain design: one local generator, random order only, no mitigation.
    private static ExperimentSpec Plain => new()
    {
        Name = "plain",
        CorpusId = "multi30k",
        DevSize = 20,
        TestSize = 30,
        Sizes = [100, 200],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("low")] }],
        Generators = [new LocalGeneratorSpec { Id = "low", TrainSize = 100 }],
        Seeds = [1, 2],
    };

    [Fact]
    public async Task A_size_larger_than_the_pool_is_refused_by_its_path_with_the_pool_size()
    {
        // The generator's training sources leave fewer than 2,000 of multi30k's ~29,000 for the grid.
        var spec = Plain with { Sizes = [500, 2_000], Generators = [new LocalGeneratorSpec { Id = "low", TrainSize = 28_000 }] };

        var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => ExperimentSources.SelectAsync(ExperimentGrid.Expand(spec), Loader, CancellationToken.None));

        var refused = Assert.Single(error.Errors);
        Assert.Equal("sizes[1]", refused.Field);
        Assert.Matches(@"The pool holds \d{3} sources", refused.Message);
    }

    [Fact]
    public async Task A_plain_design_samples_from_pool_factor_times_the_largest_size()
    {
        var plan = ExperimentGrid.Expand(Plain);
        var sources = await ExperimentSources.SelectAsync(plan, Loader, CancellationToken.None);

        Assert.Equal(400, plan.ExperimentSourceCount);
        Assert.Equal(400, sources.Experiment.Count);
        Assert.Equal(600, (await ExperimentSources.SelectAsync(ExperimentGrid.Expand(Plain with { Mitigation = new() { PoolFactor = 3 } }), Loader, CancellationToken.None)).Experiment.Count);
    }

    [Fact]
    public async Task Two_data_seeds_draw_different_sets_at_the_largest_size_and_a_fixed_data_seed_draws_one_set_for_every_init_seed()
    {
        IReadOnlyList<string> SetOf(ExperimentPlan plan, ExperimentSources sources, int seed)
        {
            var point = plan.Runs.Single(r => r.Condition == "low" && r.Size == 200 && r.Seed == seed);
            var translations = new SyntheticTargetSet(
                new GeneratorDescriptor { Id = plan.Generators[0].DatasetId, Name = "low", Kind = GeneratorKind.Local },
                [.. sources.Experiment.Select(p => new SyntheticTarget(p.Source, 0, "low: " + p.Target, null, new("low", null, DateTimeOffset.UnixEpoch)))]);
            var sets = new Dictionary<string, SyntheticTargetSet> { [translations.Generator.Id] = translations };
            var (examples, _) = MixtureComposer.Compose(sources.Experiment, sets, point.Config.Mixture, point.Config.TrainSize, point.DataSeed);
            Assert.Equal(200, examples.Count);
            return [.. examples.Select(e => e.Pair.Source).Order()];
        }

        var plan = ExperimentGrid.Expand(Plain);
        var sources = await ExperimentSources.SelectAsync(plan, Loader, CancellationToken.None);
        Assert.NotEqual(SetOf(plan, sources, 1), SetOf(plan, sources, 2));

        var fixedData = ExperimentGrid.Expand(Plain with { DataSeed = 5 });
        Assert.Equal(SetOf(fixedData, sources, 1), SetOf(fixedData, sources, 2));
        Assert.Equal([(5, 1), (5, 2)], fixedData.Runs.Where(r => r.Condition == "low" && r.Size == 200).Select(r => (r.DataSeed, r.InitSeed)));

        var fixedInit = ExperimentGrid.Expand(Plain with { InitSeed = 7 });
        Assert.NotEqual(SetOf(fixedInit, sources, 1), SetOf(fixedInit, sources, 2));
        Assert.Equal([(1, 7), (2, 7)], fixedInit.Runs.Where(r => r.Condition == "low" && r.Size == 200).Select(r => (r.DataSeed, r.InitSeed)));
    }

    [Fact]
    public void Fixing_both_seeds_an_unknown_failure_policy_and_a_pool_factor_out_of_range_are_refused_for_every_design()
    {
        var errors = ExperimentSpecValidator.Validate(Plain with { DataSeed = 1, InitSeed = 2, Failures = (FailurePolicy)9, Mitigation = new() { PoolFactor = 0.5 } });

        Assert.Equal(["failures", "initSeed", "mitigation.poolFactor"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void The_seeds_and_failure_policy_round_trip_and_an_old_spec_states_drop_everywhere()
    {
        var old = ExperimentSpecJson.Parse(ExperimentSpecJson.Serialize(Plain).Replace("\"failures\": \"drop-everywhere\",", string.Empty, StringComparison.Ordinal));
        Assert.Equal(FailurePolicy.DropEverywhere, old.Failures);
        Assert.Contains("\"failures\": \"drop-everywhere\"", ExperimentSpecJson.Serialize(old), StringComparison.Ordinal);
        Assert.DoesNotContain("dataSeed", ExperimentSpecJson.Serialize(old), StringComparison.Ordinal);

        var json = ExperimentSpecJson.Serialize(Plain with { DataSeed = 4, Failures = FailurePolicy.ReplaceWithNextSource });
        Assert.Contains("\"failures\": \"replace-with-next-source\"", json, StringComparison.Ordinal);
        var parsed = ExperimentSpecJson.Parse(json);
        Assert.Equal((4, (int?)null, FailurePolicy.ReplaceWithNextSource), (parsed.DataSeed, parsed.InitSeed, parsed.Failures));

        // A run's configuration names the policy only when it is not the default, so older run directories still match.
        var point = ExperimentGrid.Expand(parsed).Runs[^1];
        Assert.Contains("\"Failures\": \"replace-with-next-source\"", System.Text.Json.JsonSerializer.Serialize(point.Config, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }), StringComparison.Ordinal);
        Assert.DoesNotContain("Failures", System.Text.Json.JsonSerializer.Serialize(ExperimentGrid.Expand(Plain).Runs[^1].Config), StringComparison.Ordinal);
        Assert.DoesNotContain("DataSeed", System.Text.Json.JsonSerializer.Serialize(ExperimentGrid.Expand(Plain).Runs[^1].Config), StringComparison.Ordinal);
    }
}
