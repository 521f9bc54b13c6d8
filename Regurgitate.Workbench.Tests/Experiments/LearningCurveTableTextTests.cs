using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Experiments;

public sealed class LearningCurveTableTextTests
{
    private static readonly IReadOnlyList<LearningCurveSeries> Curves =
    [
        new("real", [new(1000, 8.14, 0.5, 7.6, 8.6, 3), new(2000, 12.4, 0.62, 11.8, 13.0, 3)]),
        new("wmt22/GPT_4", [new(1000, 7.0, 0, 7.0, 7.0, 1)]),
    ];

    [Fact]
    public void Markdown_has_one_row_per_size_and_a_dash_where_a_condition_has_no_seed() =>
        Assert.Equal(
            "| Training pairs | real | wmt22/GPT\\_4 |\n|---:|---:|---:|\n| 1,000 | 8.14 ± 0.50 (n=3) | 7.00 (n=1) |\n| 2,000 | 12.40 ± 0.62 (n=3) | – |\n\n" +
            "Test BLEU by training size and condition: mean ± sample standard deviation over the completed seeds (n).\n",
            LearningCurveTableText.Markdown(Curves));

    [Fact]
    public void Latex_is_a_booktabs_tabular_with_escaped_names() =>
        Assert.Equal(
            "% requires \\usepackage{booktabs}\n\\begin{tabular}{rrr}\n\\toprule\nTraining pairs & real & wmt22/GPT\\_4 \\\\\n\\midrule\n" +
            "1{,}000 & 8.14 $\\pm$ 0.50 (3) & 7.00 (1) \\\\\n2{,}000 & 12.40 $\\pm$ 0.62 (3) & -- \\\\\n\\bottomrule\n\\end{tabular}\n" +
            "% Test BLEU by training size and condition: mean ± sample standard deviation over the completed seeds (n).\n",
            LearningCurveTableText.Latex(Curves));

    [Fact]
    public void Runs_that_recorded_their_budget_show_mean_steps_and_target_tokens_beside_the_score()
    {
        var runs = new[] { 240, 264 }.Select((steps, i) => new ExperimentRunRow(
            i + 1, Workbench.Persistence.RunRole.Grid, "real", 1_000, i + 1, 1.0, Workbench.Persistence.RunStatus.Completed, steps, steps, null,
            20 + i, 40, null, null, null, null, 990, 10, 40_000 + (2_000 * i), 45_000)).ToList();
        var curves = LearningCurve.From(runs);

        Assert.Contains("| 20.50 ± 0.71 (n=2); 252 steps, 41k tokens |", LearningCurveTableText.Markdown(curves), StringComparison.Ordinal);
        Assert.Contains("the mean optimiser steps and target tokens", LearningCurveTableText.Markdown(curves), StringComparison.Ordinal);
        Assert.Contains("20.50 $\\pm$ 0.71 (2); 252 steps, 41k tokens \\\\", LearningCurveTableText.Latex(curves), StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_one_decimal_would_merge_read_differently()
    {
        IReadOnlyList<LearningCurveSeries> curves = [new("real", [new(1000, 20.04, 0, 20.04, 20.04, 1)]), new("low", [new(1000, 20.01, 0, 20.01, 20.01, 1)])];

        Assert.Contains("| 1,000 | 20.04 (n=1) | 20.01 (n=1) |", LearningCurveTableText.Markdown(curves), StringComparison.Ordinal);
        Assert.Contains("1{,}000 & 20.04 (1) & 20.01 (1) \\\\", LearningCurveTableText.Latex(curves), StringComparison.Ordinal);
    }
}
