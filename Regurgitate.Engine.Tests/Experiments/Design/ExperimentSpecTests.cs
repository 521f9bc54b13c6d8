using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Tests.Experiments.Design;

public sealed class ExperimentSpecTests
{
    private static readonly ExperimentSpec Valid = new()
    {
        Name = "real vs GPT-4 and ChatGPT",
        CorpusId = "wmt22",
        DevSize = 100,
        TestSize = 400,
        Sizes = [400, 800],
        RealFractions = [1.0, 0.5, 0.0],
        SyntheticSources =
        [
            new SyntheticSourceSpec { Generators = [new SyntheticShare("wmt22/GPT-4")] },
            new SyntheticSourceSpec { Name = "mix", Generators = [new SyntheticShare("wmt22/GPT-4"), new SyntheticShare("wmt22/ChatGPT-gpt-3.5-turbo.zeroshot", 2)] },
        ],
        Seeds = [1, 2, 3],
        Model = ModelConfig.Tiny,
    };

    [Fact]
    public void The_grid_is_sizes_by_conditions_by_seeds_with_one_all_real_condition()
    {
        var plan = ExperimentGrid.Expand(Valid, "/tmp/tok");

        Assert.Equal(2 * 5 * 3, plan.Runs.Count);
        Assert.Equal(["real", "50% real + wmt22/GPT-4", "50% real + mix", "wmt22/GPT-4", "mix"], plan.Runs.Select(r => r.Condition).Distinct());
        Assert.Empty(plan.Generators);
        Assert.All(plan.Runs, r =>
        {
            Assert.Equal(1, r.Config.SplitSeed);
            Assert.Equal("/tmp/tok", r.Config.TokenizerDirectory);
            Assert.Equal(r.Size, r.Config.TrainSize);
            Assert.Equal(r.Seed, r.Config.Seed);
            Assert.Equal(["wmt22/GPT-4", "wmt22/ChatGPT-gpt-3.5-turbo.zeroshot"], r.Config.Mixture.AlignWith);
            Assert.Empty(RunConfigValidator.Validate(r.Config));
        });
        var mix = plan.Runs.First(r => r.Condition == "mix").Config.Mixture;
        Assert.Equal(0.0, mix.RealFraction);
        Assert.Equal([new SyntheticShare("wmt22/GPT-4"), new SyntheticShare("wmt22/ChatGPT-gpt-3.5-turbo.zeroshot", 2)], mix.Synthetic);
    }

    [Fact]
    public void Local_generators_are_planned_in_order_with_content_addressed_datasets()
    {
        var spec = Valid with
        {
            CorpusId = "multi30k",
            SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("gen2")] }],
            Generators =
            [
                new LocalGeneratorSpec { Id = "gen1", TrainSize = 500 },
                new LocalGeneratorSpec { Id = "gen2", TrainSize = 300, TrainOn = "gen1" },
            ],
        };

        var plan = ExperimentGrid.Expand(spec);

        Assert.Equal(500 + 300, plan.ReservedCount); // one slice per generation
        Assert.Equal(1_600, plan.ExperimentSourceCount); // twice the largest size, so that seeds draw different sets even at that size
        Assert.Equal(["gen1", "gen2"], plan.Generators.Select(g => g.Spec.Id));
        Assert.Equal([plan.ReservedRealDatasetId!], plan.Generators[0].TrainingRun.Mixture.AlignWith);
        Assert.Equal([plan.GenerationSlices[1].RealDatasetId], plan.Generators[1].TrainingRun.Mixture.AlignWith);
        Assert.Equal(1.0, plan.Generators[0].TrainingRun.Mixture.RealFraction);
        Assert.Equal([new SyntheticShare(plan.Generators[0].NextSliceDatasetId!, 300)], plan.Generators[1].TrainingRun.Mixture.Synthetic);
        Assert.Equal(0.0, plan.Generators[1].TrainingRun.Mixture.RealFraction);
        Assert.Equal(plan.Generators[1].DatasetId, plan.Runs.First(r => r.Condition == "gen2").Config.Mixture.Synthetic[0].GeneratorId);
        Assert.Equal(ExperimentGrid.DatasetPrefix(spec), ExperimentGrid.DatasetPrefix(spec with { Name = "renamed", Seeds = [9] }));
        Assert.NotEqual(ExperimentGrid.DatasetPrefix(spec), ExperimentGrid.DatasetPrefix(spec with { SplitSeed = 2 }));
    }

    [Fact]
    public void Every_problem_is_listed_with_its_json_path()
    {
        var spec = Valid with
        {
            Name = " ",
            CorpusId = "europarl",
            Sizes = [400, 5, 400],
            RealFractions = [1.5],
            SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("nobody"), new SyntheticShare("wmt21/UEdin", -1)] }],
            Generators = [new LocalGeneratorSpec { Id = "bad id!", TrainOn = "later" }],
            Seeds = [],
            Model = ModelConfig.Tiny with { Heads = 3 },
        };

        var fields = ExperimentSpecValidator.Validate(spec).Select(e => e.Field).ToList();

        Assert.Contains("name", fields);
        Assert.Contains("corpusId", fields);
        Assert.Contains("sizes[1]", fields);
        Assert.Contains("sizes", fields);
        Assert.Contains("realFractions[0]", fields);
        Assert.Contains("syntheticSources[0].generators[0].generatorId", fields);
        Assert.Contains("syntheticSources[0].generators[1].generatorId", fields);
        Assert.Contains("syntheticSources[0].generators[1].weight", fields);
        Assert.Contains("generators[0].id", fields);
        Assert.Contains("generators[0].trainOn", fields);
        Assert.Contains("seeds", fields);
        Assert.Contains("model.heads", fields);
    }

    [Fact]
    public void Json_round_trips_and_rejects_unknown_fields_and_syntax_errors_with_their_place()
    {
        var json = ExperimentSpecJson.Serialize(Valid);
        Assert.Contains("\"realFractions\"", json);
        var parsed = ExperimentSpecJson.Parse(json);
        Assert.Equal(Valid.Sizes, parsed.Sizes);
        Assert.Equal(Valid.SyntheticSources[1].Generators, parsed.SyntheticSources[1].Generators);

        var unknown = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse("""{ "name": "x", "sizez": [1] }""", "spec.json"));
        Assert.Contains("sizez", unknown.Message);
        Assert.Contains("spec.json", unknown.Message);

        var syntax = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse("{\n  \"name\": \"x\",\n  \"sizes\": [1,, 2]\n}"));
        Assert.Contains("line 3", syntax.Message);

        var invalid = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse("""{ "name": "x", "seeds": [] }"""));
        Assert.Contains("seeds: List at least one seed.", invalid.Message);
    }

    [Theory]
    [InlineData("""{ "name": "x", "sizes": null }""", "sizes")]
    [InlineData("""{ "name": "x", "model": null }""", "model")]
    [InlineData("""{ "name": "x", "syntheticSources": [{ "generators": [{ "generatorId": null }] }] }""", "generatorId")]
    [InlineData("""{ "name": "x", "syntheticSources": [null] }""", "syntheticSources[0]: Must not be null.")]
    [InlineData("""{ "name": "x", "syntheticSources": [{ "generators": [null] }] }""", "syntheticSources[0].generators[0]: Must not be null.")]
    [InlineData("""{ "name": "x", "generators": [null] }""", "generators[0]: Must not be null.")]
    public void Json_nulls_are_refused_naming_the_field_instead_of_crashing_the_validator(string json, string expected)
    {
        var error = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse(json, "spec.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("spec.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_spec_built_in_code_with_null_parts_names_them()
    {
        var fields = ExperimentSpecValidator.Validate(Valid with { Seeds = null!, Training = null!, Generators = [null!] }).Select(e => e.Field).ToList();
        Assert.Equal(["seeds", "generators[0]", "training"], fields);
    }

    [Fact]
    public void An_absurd_grid_is_refused_before_anything_runs()
    {
        var spec = Valid with { Seeds = [.. Enumerable.Range(1, 500)] };
        Assert.Contains(ExperimentSpecValidator.Validate(spec), e => e.Message.Contains("5,000 runs", StringComparison.Ordinal));
    }
}
