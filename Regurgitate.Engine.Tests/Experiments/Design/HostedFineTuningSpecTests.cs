using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Hosted;

namespace Regurgitate.Engine.Tests.Experiments.Design;

public sealed class HostedFineTuningSpecTests
{
    [Fact]
    public void The_section_reads_from_json_and_a_spec_without_it_writes_as_before()
    {
        var spec = ExperimentSpecJson.Parse("""
            { "name": "h", "corpusId": "multi30k", "sizes": [16], "realFractions": [1], "seeds": [1],
              "hosted": { "baseModel": "gpt-35-turbo-0125", "epochs": 3, "batchSize": 8, "learningRateMultiplier": 2, "promptTemplate": "DE: {source}" } }
            """);

        Assert.Equal(new HostedFineTuningSpec { BaseModel = "gpt-35-turbo-0125", Epochs = 3, BatchSize = 8, LearningRateMultiplier = 2, PromptTemplate = "DE: {source}" }, spec.Hosted);
        Assert.DoesNotContain("hosted", ExperimentSpecJson.Serialize(spec with { Hosted = null }), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_hosted_spec_expands_to_its_grid()
    {
        var spec = ExperimentSpecJson.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.SolutionRoot, "specs", "hosted-gpt35.json")));

        var plan = ExperimentGrid.Expand(spec);

        Assert.Equal(2 * 3 * 3, plan.Runs.Count);
        Assert.Equal(("gpt-35-turbo-0125", 3), (spec.Hosted!.BaseModel, spec.Hosted.Epochs));
    }

    [Fact]
    public void The_spec_overrides_the_configured_options_without_changing_them()
    {
        var configured = new HostedFineTuningOptions { BaseModel = "configured", Epochs = 1, SystemPrompt = "sys", Budget = 10 };

        var applied = new HostedFineTuningSpec { BaseModel = "gpt-35-turbo-0125", Epochs = 4 }.ApplyTo(configured);

        Assert.Equal(("gpt-35-turbo-0125", 4, "sys", 10m), (applied.BaseModel, applied.Epochs, applied.SystemPrompt, applied.Budget!.Value));
        Assert.Equal(("configured", 1), (configured.BaseModel, configured.Epochs));
    }

    [Fact]
    public void Invalid_sections_are_refused_with_their_fields_named()
    {
        var spec = new ExperimentSpec
        {
            Name = "h", Sizes = [16], RealFractions = [1.0], Seeds = [1],
            Pretrain = new PretrainSpec { CorpusId = "tatoeba", TrainSize = 100 },
            Hosted = new HostedFineTuningSpec { PromptTemplate = "no placeholder", Epochs = 0, BatchSize = 1000, LearningRateMultiplier = -1 },
        };

        var errors = ExperimentSpecValidator.Validate(spec);

        foreach (var field in new[] { "hosted", "hosted.promptTemplate", "hosted.epochs", "hosted.batchSize", "hosted.learningRateMultiplier" })
        {
            Assert.Contains(errors, e => e.Field == field);
        }
    }
}
