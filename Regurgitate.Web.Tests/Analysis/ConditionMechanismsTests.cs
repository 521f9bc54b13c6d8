using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench.Analysis;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Analysis;

public sealed class ConditionMechanismsTests
{
    private static readonly ExperimentSpec Spec = new()
    {
        Name = "mechanisms",
        CorpusId = "wmt22",
        DevSize = 100,
        TestSize = 200,
        Sizes = [500, 1_000],
        RealFractions = [1.0, 0.5, 0.0],
        Seeds = [1, 2],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("wmt22/GPT-4")] }, new SyntheticSourceSpec { Generators = [new SyntheticShare("wmt22/LT22")] }],
    };

    [Fact]
    public void The_sets_of_an_experiment_are_its_generators_in_grid_order()
    {
        Assert.Equal(["wmt22/GPT-4", "wmt22/LT22"], ConditionMechanisms.SetIds(Spec));
    }

    [Fact]
    public void Each_condition_gets_its_error_rate_mtld_and_final_bleu_and_mixtures_are_weighted()
    {
        string[] sources = ["Das ist ein kleines Haus.", "Der Hund bellt laut.", "Wir gehen morgen ins Kino.", "Ich mag Äpfel."];
        string[] reference = ["This is a small house.", "The dog barks loudly.", "We are going to the cinema tomorrow.", "I like apples."];
        string[] gpt4 = ["This is a small house.", "The dog barks loudly.", "We go to the movies tomorrow.", "I like apples."];
        string[] lt22 = ["House small.", "Dog.", "Cinema.", "Apples good."];
        var report = DatasetReport.Build(sources, new TextSide(DatasetAnalysis.ReferenceSide, reference), [new TextSide("wmt22/GPT-4", gpt4), new TextSide("wmt22/LT22", lt22)]);
        var analysis = new DatasetAnalysis
        {
            CorpusId = "wmt22", SetIds = ["wmt22/GPT-4", "wmt22/LT22"], SetNames = ["GPT-4", "LT22"], CorpusPairs = 4, CommonPairs = 4,
            Sources = sources, References = reference, Targets = [gpt4, lt22], Report = report,
        };
        ExperimentRunRow Run(string condition, int size, int seed, double? bleu, RunStatus status = RunStatus.Completed) =>
            new(0, RunRole.Grid, condition, size, seed, 1, status, 0, 0, null, bleu, null, null, null, null, null);
        ExperimentRunRow[] runs =
        [
            Run("real", 1_000, 1, 30), Run("real", 1_000, 2, 32), Run("real", 500, 1, 10),
            Run("wmt22/GPT-4", 1_000, 1, 28), Run("wmt22/LT22", 1_000, 1, 12), Run("wmt22/LT22", 1_000, 2, 99, RunStatus.Failed),
            Run("50% real + wmt22/LT22", 500, 1, 20),
        ];

        var result = ConditionMechanisms.Build(Spec, runs, analysis);

        var real = result.Points.Single(p => p.Condition == "real");
        Assert.Equal(0, real.ErrorRate);
        Assert.Equal(report.Sides[0].Diversity.Mtld, real.Mtld);
        Assert.Equal(31, real.Bleu);
        Assert.Equal((1_000, 2), (real.Size!.Value, real.Seeds));
        var lt = result.Points.Single(p => p.Condition == "wmt22/LT22");
        Assert.Equal(report.Sides[2].Errors!.ChrF.ErrorRate, lt.ErrorRate);
        Assert.Equal(12, lt.Bleu);
        Assert.False(lt.Mixed);
        var mixed = result.Points.Single(p => p.Condition == "50% real + wmt22/LT22");
        Assert.True(mixed.Mixed);
        Assert.Equal(lt.ErrorRate / 2, mixed.ErrorRate, 12);
        Assert.Equal((real.Mtld + lt.Mtld) / 2, mixed.Mtld, 9);
        Assert.Null(result.Points.Single(p => p.Condition == "50% real + wmt22/GPT-4").Bleu);
        Assert.Equal(4, result.N);
        Assert.NotNull(result.ErrorRateVsBleu);
        Assert.True(result.ErrorRateVsBleu < 0);
    }

    [Fact]
    public void Pearson_r_matches_a_hand_computation_and_needs_three_points_with_spread()
    {
        Assert.Equal(1.0, ConditionMechanisms.Pearson([1, 2, 3], [2, 4, 6])!.Value, 12);
        Assert.Equal(-0.5, ConditionMechanisms.Pearson([1, 2, 3], [2, 3, 1])!.Value, 12);
        Assert.Null(ConditionMechanisms.Pearson([1, 2], [1, 2]));
        Assert.Null(ConditionMechanisms.Pearson([1, 1, 1], [1, 2, 3]));
    }
}
