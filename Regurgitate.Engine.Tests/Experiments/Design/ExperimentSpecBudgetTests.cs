using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Engine.Tests.Experiments.Design;

public sealed class ExperimentSpecBudgetTests
{
    [Fact]
    public void A_spec_without_a_budget_keeps_epochs_and_writes_no_budget_field()
    {
        var spec = ExperimentSpecJson.Parse("""{ "name": "old", "realFractions": [1] }""");

        Assert.Equal(TrainingBudget.Epochs, spec.Budget);
        Assert.DoesNotContain("budget", ExperimentSpecJson.Serialize(spec), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("matched-steps", TrainingBudget.MatchedSteps)]
    [InlineData("matched-tokens", TrainingBudget.MatchedTokens)]
    [InlineData("epochs", TrainingBudget.Epochs)]
    public void Budgets_read_and_write_by_their_kebab_case_names(string name, TrainingBudget budget)
    {
        var spec = ExperimentSpecJson.Parse($$"""{ "name": "new", "realFractions": [1], "budget": "{{name}}" }""");

        Assert.Equal(budget, spec.Budget);
        Assert.Equal(budget, ExperimentSpecJson.Parse(ExperimentSpecJson.Serialize(spec)).Budget);
        if (budget != TrainingBudget.Epochs)
        {
            Assert.Contains($"\"budget\": \"{name}\"", ExperimentSpecJson.Serialize(spec), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unknown_budget_names_its_field()
    {
        var error = Assert.Throws<ExperimentSpecException>(() => ExperimentSpecJson.Parse("""{ "name": "x", "realFractions": [1], "budget": "matched" }"""));

        Assert.Equal("$.budget", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void A_matched_budget_refuses_a_warm_up_over_half_of_max_steps_and_a_per_run_tokenizer()
    {
        var spec = new ExperimentSpec
        {
            Name = "x",
            RealFractions = [1.0],
            Budget = TrainingBudget.MatchedSteps,
            Tokenizer = TokenizerSharing.PerRun,
            Training = new TrainingConfig { MaxSteps = 150, EvaluateEvery = 150, WarmupSteps = 100 },
        };

        var errors = ExperimentSpecValidator.Validate(spec);

        Assert.Contains(errors, e => e.Field == "training.warmupSteps" && e.Message.Contains("at most 75", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Field == "budget");
        Assert.Empty(ExperimentSpecValidator.Validate(spec with { Budget = TrainingBudget.Epochs }));
    }
}
