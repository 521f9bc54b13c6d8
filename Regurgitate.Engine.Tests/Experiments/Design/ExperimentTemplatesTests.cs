using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Engine.Tests.Experiments.Design;

public sealed class ExperimentTemplatesTests
{
    public static TheoryData<string> Keys => [.. ExperimentTemplates.All.Select(t => t.Key)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_template_is_a_valid_spec(string key)
    {
        var spec = ExperimentTemplates.Create(key);

        Assert.NotNull(spec);
        Assert.Empty(ExperimentSpecValidator.Validate(spec));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_template_survives_a_json_round_trip(string key)
    {
        var spec = ExperimentTemplates.Create(key)!;

        var parsed = ExperimentSpecJson.Parse(ExperimentSpecJson.Serialize(spec));

        Assert.Equal(ExperimentSpecJson.Serialize(spec), ExperimentSpecJson.Serialize(parsed));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_template_fits_its_corpus_and_this_machine(string key)
    {
        var spec = ExperimentTemplates.Create(key)!;

        Assert.True(spec.Model.DModel <= 64, "grid models stay Tiny on a 2-core CPU");
        Assert.InRange(spec.Training.Epochs!.Value, 10, 20);
        if (spec.CorpusId == "wmt22")
        {
            // WMT22 is one pool of 1,984 segments that loses dev and test to the split: every size must fit in what is left.
            Assert.False(CorpusCatalog.Get(spec.CorpusId).HasPredefinedSplits);
            Assert.All(spec.Sizes, size => Assert.True(size + spec.DevSize + spec.TestSize <= 1_984, $"size {size} does not fit WMT22's 1,984 segments"));
        }

        Assert.All(
            spec.SyntheticSources.SelectMany(s => s.Generators).Select(g => ImportedSystemCatalog.Find(g.GeneratorId)).OfType<ImportedSystem>(),
            system => Assert.Equal(spec.CorpusId, system.CorpusId));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_template_runs_at_least_three_seeds(string key)
    {
        // With two seeds a paired t-test over seeds detects only differences of about 11.5 σ at 80 % power.
        Assert.True(ExperimentTemplates.Create(key)!.Seeds.Count >= 3);
    }

    [Fact]
    public void A_spec_that_names_no_seeds_runs_three()
    {
        Assert.Equal([1, 2, 3], ExperimentSpecJson.Parse("""{ "name": "x", "realFractions": [1] }""").Seeds);
    }

    [Fact]
    public void Keys_are_case_insensitive_and_unknown_keys_give_null()
    {
        Assert.Equal(ExperimentSpecJson.Serialize(ExperimentTemplates.RealFractionSweep()), ExperimentSpecJson.Serialize(ExperimentTemplates.Create(" B ")!));
        Assert.Null(ExperimentTemplates.Create("z"));
        Assert.Null(ExperimentTemplates.Create(null));
    }

    [Fact]
    public void Template_a_compares_real_with_each_published_llm_at_three_sizes()
    {
        var plan = ExperimentGrid.Expand(ExperimentTemplates.RealVersusSynthetic());

        Assert.Equal("wmt22", plan.Spec.CorpusId);
        Assert.Empty(plan.Generators);
        Assert.Equal(4 * 3 * 3, plan.Runs.Count);
        Assert.Equal(["real", "GPT-4", "ChatGPT", "text-davinci-003"], Conditions(plan));
        Assert.Equal([300, 600, 1_200], plan.Runs.Select(r => r.Size).Distinct());
        Assert.All(plan.Runs.Where(r => r.Condition != "real"), r => Assert.Equal(0.0, r.RealFraction));
        Assert.Equal(
            ["wmt22/GPT-4", "wmt22/ChatGPT-gpt-3.5-turbo.zeroshot", "wmt22/text-davinci-003.zeroshot"],
            plan.Runs.Where(r => r.Condition != "real").Select(r => r.Config.Mixture.Synthetic.Single().GeneratorId).Distinct());
        Assert.All(plan.Runs.Select(r => r.Config.Mixture.Synthetic.SingleOrDefault()?.GeneratorId).OfType<string>(), id => Assert.NotNull(ImportedSystemCatalog.Find(id)));
    }

    [Fact]
    public void Template_b_sweeps_the_real_fraction_at_one_size()
    {
        var plan = ExperimentGrid.Expand(ExperimentTemplates.RealFractionSweep());

        Assert.Equal(5 * 1 * 3, plan.Runs.Count);
        Assert.Equal(["real", "75% real + GPT-4", "50% real + GPT-4", "25% real + GPT-4", "GPT-4"], Conditions(plan));
        Assert.Equal([1.0, 0.75, 0.5, 0.25, 0.0], plan.Runs.Select(r => r.RealFraction).Distinct());
        Assert.Single(plan.Runs.Select(r => r.Size).Distinct());
    }

    [Fact]
    public void Template_c_trains_a_low_and_a_high_performance_generator_on_real_data()
    {
        var plan = ExperimentGrid.Expand(ExperimentTemplates.GeneratorQuality());

        Assert.Equal("multi30k", plan.Spec.CorpusId);
        Assert.Equal(["low", "high"], plan.Generators.Select(g => g.Spec.Id));
        Assert.All(plan.Generators, g => Assert.Equal("real", g.Spec.TrainOn));
        Assert.True(plan.Generators[1].Spec.TrainSize >= 10 * plan.Generators[0].Spec.TrainSize);
        Assert.Equal(3 * 3 * 3, plan.Runs.Count);
        Assert.Equal(["real", "low", "high"], Conditions(plan));
        Assert.Equal(10_000, plan.ReservedCount);
        Assert.Equal(8_000, plan.ExperimentSourceCount); // twice the largest size, so that seeds draw different sets even at that size
    }

    [Fact]
    public void Template_d_chains_three_generations_that_replace_their_data()
    {
        var plan = ExperimentGrid.Expand(ExperimentTemplates.IteratedGenerations());

        Assert.Equal(["gen1", "gen2", "gen3"], plan.Generators.Select(g => g.Spec.Id));
        Assert.Equal(["real", "gen1", "gen2"], plan.Generators.Select(g => g.Spec.TrainOn));
        Assert.All(plan.Generators, g => Assert.Equal(GenerationPolicy.Replace, g.Spec.Policy));
        Assert.Equal(0.0, plan.Generators[1].TrainingRun.Mixture.RealFraction);
        Assert.Equal(plan.Generators[0].NextSliceDatasetId, plan.Generators[1].TrainingRun.Mixture.Synthetic.Single().GeneratorId);
        Assert.Equal(4 * 3 * 3, plan.Runs.Count);
        Assert.Equal(["real", "gen1", "gen2", "gen3"], Conditions(plan));
    }

    [Fact]
    public void Template_e_compares_the_three_mitigations_with_random_synthetic_and_real_data()
    {
        var plan = ExperimentGrid.Expand(ExperimentTemplates.MitigationStrategies(), null, "/scores");

        Assert.Equal(["real", "low", "low · quality", "low · detector", "low-b", "low + low-b"], Conditions(plan));
        Assert.Equal(6 * 2 * 3, plan.Runs.Count);
        Assert.Equal([StrategyOrder.Quality, StrategyOrder.Detector], plan.Scorings.Select(s => s.Strategy.Order));
        Assert.Equal(8_000, plan.ExperimentSourceCount); // twice the largest size, so ordering has a pool to choose from
        Assert.Equal(1_000, plan.HeldOutCount);
        Assert.NotNull(plan.ScorerTrainingRun);
        var mixed = plan.Runs.First(r => r.Condition == "low + low-b").Config.Mixture;
        Assert.Equal(2, mixed.Synthetic.Count);
        Assert.Equal(mixed.Synthetic[0].Weight, mixed.Synthetic[1].Weight);
        Assert.Null(mixed.Order);
    }

    [Fact]
    public void Templates_are_fresh_copies()
    {
        Assert.NotSame(ExperimentTemplates.GeneratorQuality(), ExperimentTemplates.GeneratorQuality());
        Assert.Equal(ExperimentTemplates.All.Count, ExperimentTemplates.All.Select(t => t.Key).Distinct().Count());
    }

    private static List<string> Conditions(ExperimentPlan plan) => [.. plan.Runs.Select(r => r.Condition).Distinct()];

    [Fact]
    public void Template_f_fine_tunes_a_model_pretrained_on_news_on_multi30k_real_and_generated_targets()
    {
        var plan = ExperimentGrid.Expand(ExperimentTemplates.Create(ExperimentTemplates.FineTuningKey)!);

        Assert.Equal("multi30k", plan.Spec.CorpusId);
        var pretraining = plan.PretrainingRun!;
        Assert.Equal(("newstest", plan.Spec.Model), (pretraining.CorpusId, pretraining.Model));
        Assert.Equal(["low", "high"], plan.Generators.Select(g => g.Spec.Id));
        Assert.Equal(["real", "low", "high"], plan.Runs.Select(r => r.Condition).Distinct());

        // The grid names the pretrained run only once it exists; the zero-shot run then scores it on the grid's test set.
        Assert.All(plan.Runs, r => Assert.Null(r.Config.InitFrom));
        var started = FineTuning.StartingFrom(plan, "/runs/7");
        Assert.All(started.Runs, r => Assert.Equal(("/runs/7", Path.Combine("/runs/7", "tokenizer")), (r.Config.InitFrom, r.Config.TokenizerDirectory)));
        var zeroShot = FineTuning.ZeroShotRun(plan, "/runs/7");
        Assert.Equal(0, zeroShot.Training.MaxSteps);
        Assert.Equal(
            (plan.Runs[0].Config.CorpusId, plan.Runs[0].Config.TestSize, plan.Runs[0].Config.EffectiveSplitSeed, plan.Runs[0].Config.TestDecoding),
            (zeroShot.CorpusId, zeroShot.TestSize, zeroShot.EffectiveSplitSeed, zeroShot.TestDecoding));
    }
}
