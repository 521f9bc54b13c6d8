using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Tests.Experiments.Design;

public sealed class StrategySpecTests
{
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "strategies",
        CorpusId = "multi30k",
        DevSize = 100,
        TestSize = 200,
        Sizes = [400, 800],
        RealFractions = [1.0, 0.0],
        Generators = [new LocalGeneratorSpec { Id = "low", TrainSize = 300 }, new LocalGeneratorSpec { Id = "low2", TrainSize = 300, Seed = 2 }],
        SyntheticSources =
        [
            new SyntheticSourceSpec { Generators = [new SyntheticShare("low")] },
            new SyntheticSourceSpec { Name = "mixed", Generators = [new SyntheticShare("low"), new SyntheticShare("low2")] },
        ],
        Strategies =
        [
            new StrategySpec(),
            new StrategySpec { Name = "quality", Order = StrategyOrder.Quality, Sources = ["low"] },
            new StrategySpec { Name = "detector", Order = StrategyOrder.Detector, DropBottom = 0.1, Sources = ["low"] },
        ],
        Mitigation = new MitigationSettings { HeldOutSources = 250 },
        Seeds = [1, 2],
        Model = ModelConfig.Tiny,
    };

    [Fact]
    public void Sources_are_crossed_with_the_strategies_that_apply_to_them()
    {
        var plan = ExperimentGrid.Expand(Spec, "/tmp/tok", "/tmp/scores");

        Assert.Equal(["real", "low", "low · quality", "low · detector", "mixed"], plan.Runs.Select(r => r.Condition).Distinct());
        Assert.Equal(2 * 5 * 2, plan.Runs.Count);
        Assert.Empty(ExperimentSpecValidator.Validate(Spec));

        var random = plan.Runs.First(r => r.Condition == "low");
        Assert.Null(random.Config.Mixture.Order);
        Assert.Equal("random", random.Strategy);
        var detector = plan.Runs.First(r => r.Condition == "low · detector").Config.Mixture.Order!;
        Assert.Equal("detector", detector.Name);
        Assert.Equal(0.1, detector.DropBottomFraction);
        Assert.StartsWith("/tmp/scores/detector-", detector.ScoresDirectory, StringComparison.Ordinal);
        Assert.Null(plan.Runs.First(r => r.Condition == "real").Strategy);
        Assert.All(plan.Runs, r => Assert.Empty(RunConfigValidator.Validate(r.Config)));
    }

    [Fact]
    public void Ordered_strategies_hold_out_sources_that_no_grid_run_can_draw()
    {
        var plan = ExperimentGrid.Expand(Spec, null, "/tmp/scores");

        Assert.Equal(250, plan.HeldOutCount);
        Assert.NotNull(plan.HeldOutRealDatasetId);
        Assert.All(plan.Runs, r => Assert.Contains(plan.ExperimentPoolDatasetId!, r.Config.Mixture.AlignWith));
        Assert.Equal(["quality", "detector"], plan.Scorings.Select(s => s.Strategy.Name));
        Assert.All(plan.Scorings, s => Assert.Equal([plan.Generators[0].DatasetId], s.GeneratorIds));
        Assert.NotEqual(plan.Scorings[0].Directory, plan.Scorings[1].Directory);

        var scorer = plan.ScorerTrainingRun!;
        Assert.Equal(250, scorer.TrainSize);
        Assert.Equal([plan.HeldOutRealDatasetId!], scorer.Mixture.AlignWith);
    }

    [Fact]
    public void Without_ordered_strategies_the_plan_and_its_datasets_are_unchanged()
    {
        var plain = Spec with { Strategies = [], Mitigation = new MitigationSettings() };
        var randomOnly = plain with { Strategies = [new StrategySpec()] };

        var plan = ExperimentGrid.Expand(plain);

        Assert.Equal(0, plan.HeldOutCount);
        Assert.Null(plan.ExperimentPoolDatasetId);
        Assert.Null(plan.ScorerTrainingRun);
        Assert.Empty(plan.Scorings);
        Assert.Equal(ExperimentGrid.DatasetPrefix(plain), ExperimentGrid.DatasetPrefix(randomOnly));
        Assert.NotEqual(ExperimentGrid.DatasetPrefix(plain), ExperimentGrid.DatasetPrefix(Spec));
        Assert.Equal(["real", "low", "mixed"], plan.Runs.Select(r => r.Condition).Distinct());
    }

    [Fact]
    public void Quality_weights_name_the_scorers_and_only_model_based_ones_train_scorer_models()
    {
        var consensusOnly = Spec with
        {
            Strategies = [new StrategySpec { Name = "quality", Order = StrategyOrder.Quality, Weights = new Dictionary<string, double> { ["consensus"] = 1, ["signals"] = 0.5 } }],
        };

        Assert.Null(ExperimentGrid.Expand(consensusOnly).ScorerTrainingRun);
    }

    [Fact]
    public void Every_strategy_error_is_named_by_its_path()
    {
        var bad = Spec with
        {
            RealFractions = [1.0],
            Strategies =
            [
                new StrategySpec { Name = "bad name!" },
                new StrategySpec { Name = "r", DropBottom = 0.2 },
                new StrategySpec { Name = "q", Order = StrategyOrder.Quality, DropBottom = 1.5, Weights = new Dictionary<string, double> { ["oracle-chrf"] = 1, ["model"] = -1 } },
                new StrategySpec { Name = "d", Order = StrategyOrder.Detector, Weights = new Dictionary<string, double> { ["model"] = 1 }, Sources = ["nope"] },
                new StrategySpec { Name = "Q", Order = StrategyOrder.Quality },
            ],
            Mitigation = new MitigationSettings { HeldOutSources = 3, DetectorTestFraction = 0.9, PoolFactor = 0.5 },
        };

        var fields = ExperimentSpecValidator.Validate(bad).Select(e => e.Field).ToList();

        Assert.Contains("strategies[0].name", fields);
        Assert.Contains("strategies[1].dropBottom", fields);
        Assert.Contains("strategies[2].dropBottom", fields);
        Assert.Contains("strategies[2].weights.oracle-chrf", fields);
        Assert.Contains("strategies[2].weights.model", fields);
        Assert.Contains("strategies[3].weights", fields);
        Assert.Contains("strategies[3].sources[0]", fields);
        Assert.Contains("strategies", fields); // duplicate q/Q and no synthetic fraction
        Assert.Contains("mitigation.heldOutSources", fields);
        Assert.Contains("mitigation.detectorTestFraction", fields);
        Assert.Contains("mitigation.poolFactor", fields);
    }

    [Fact]
    public void Specs_stored_with_the_old_mitigation_field_still_parse()
    {
        var json = ExperimentSpecJson.Serialize(Spec with { Strategies = [], Mitigation = new MitigationSettings() });
        var legacy = json.Replace("\"mitigation\": {", "\"mitigation\": \"none\", \"unused\": {", StringComparison.Ordinal);
        var stripped = System.Text.Json.Nodes.JsonNode.Parse(legacy)!.AsObject();
        stripped.Remove("unused");

        var spec = ExperimentSpecJson.Parse(stripped.ToJsonString());

        Assert.Empty(spec.Strategies);
        Assert.Equal(new MitigationSettings().HeldOutSources, spec.Mitigation.HeldOutSources);
        Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse(stripped.ToJsonString().Replace("\"none\"", "\"quality\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Strategies_round_trip_through_json()
    {
        var again = ExperimentSpecJson.Parse(ExperimentSpecJson.Serialize(Spec));

        Assert.Equal(ExperimentSpecJson.Serialize(Spec), ExperimentSpecJson.Serialize(again));
        Assert.Equal(StrategyOrder.Detector, again.Strategies[2].Order);
    }

    [Fact]
    public async Task Held_out_sources_are_disjoint_from_the_reserved_and_experiment_sources()
    {
        var plan = ExperimentGrid.Expand(Spec);
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()));
        var sources = await ExperimentSources.SelectAsync(plan, loader, CancellationToken.None);

        Assert.Equal(300, sources.Reserved.Count);
        Assert.Equal(1_600, sources.Experiment.Count); // the largest size times the default pool factor of 2
        Assert.Equal(250, sources.HeldOut.Count);
        var keys = sources.Reserved.Concat(sources.Experiment).Concat(sources.HeldOut).Select(p => SourceKey.Of(p.Source)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());

        // Adding strategies extends the experiment's sources of a spec with local generators, keeping the ones it had.
        var plain = await ExperimentSources.SelectAsync(ExperimentGrid.Expand(Spec with { Strategies = [] }), loader, CancellationToken.None);
        Assert.Subset(sources.Experiment.Select(p => p.Source).ToHashSet(), plain.Experiment.Select(p => p.Source).ToHashSet());
    }
}
