using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Engine.Tests.Experiments.Design;

/// <summary>The spec's <c>references</c> choice: read by name, handed to every grid run, refused where the test set has one reference.</summary>
public sealed class ExperimentSpecReferencesTests
{
    [Fact]
    public void A_spec_without_references_scores_against_one_and_writes_no_references_field()
    {
        var spec = ExperimentSpecJson.Parse("""{ "name": "old", "realFractions": [1] }""");

        Assert.Equal(TestReferences.One, spec.References);
        Assert.DoesNotContain("references", ExperimentSpecJson.Serialize(spec), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wmt22")]
    [InlineData("wmt21")]
    [InlineData("newstest")]
    public void All_references_reach_every_grid_run_of_a_corpus_with_reference_B(string corpus)
    {
        var spec = ExperimentSpecJson.Parse($$"""{ "name": "two", "corpusId": "{{corpus}}", "realFractions": [1], "sizes": [100, 200], "seeds": [1, 2], "references": "all" }""");

        var plan = ExperimentGrid.Expand(spec, Path.Combine(Path.GetTempPath(), "unused-tokenizer"));

        Assert.Equal(TestReferences.All, spec.References);
        Assert.Contains("\"references\": \"all\"", ExperimentSpecJson.Serialize(spec), StringComparison.Ordinal);
        Assert.Equal(4, plan.Runs.Count);
        Assert.All(plan.Runs, run => Assert.Equal(TestReferences.All, run.Config.References));
        Assert.All(plan.Runs, run => Assert.Empty(RunConfigValidator.Validate(run.Config)));
    }

    [Theory]
    [InlineData("tatoeba")]
    [InlineData("multi30k")]
    public void All_references_for_a_test_set_with_one_is_refused_at_references(string corpus)
    {
        var error = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse(
            $$"""{ "name": "x", "corpusId": "{{corpus}}", "realFractions": [1], "references": "all" }""", "spec.json"));

        var only = Assert.Single(error.Errors);
        Assert.Equal("references", only.Field);
        Assert.Contains($"corpus '{corpus}' has one human reference", only.Message, StringComparison.Ordinal);
        Assert.Contains("newstest, wmt22, wmt21", only.Message, StringComparison.Ordinal);
        Assert.Contains("spec.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_reference_choice_names_its_field()
    {
        var error = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse("""{ "name": "x", "realFractions": [1], "references": "both" }"""));

        Assert.Equal("$.references", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void A_run_configuration_refuses_all_references_when_reversed_or_on_a_one_reference_corpus()
    {
        var reversed = RunConfigValidator.Validate(new RunConfig { CorpusId = "wmt22", References = TestReferences.All, Reverse = true });
        var single = RunConfigValidator.Validate(new RunConfig { CorpusId = "multi30k", References = TestReferences.All });
        var undefined = RunConfigValidator.Validate(new RunConfig { CorpusId = "wmt22", References = (TestReferences)7 });

        Assert.Equal("References", Assert.Single(reversed).Field);
        Assert.Equal("References", Assert.Single(single).Field);
        Assert.Equal("References", Assert.Single(undefined).Field);
        Assert.Empty(RunConfigValidator.Validate(new RunConfig { CorpusId = "wmt22", References = TestReferences.All }));
    }
}
