using Regurgitate.Cli.Commands;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Cli.Tests;

/// <summary>The report's "Test BLEU by generation" table: policy rows, generation columns, mean ± sd (n).</summary>
public sealed class GenerationCurveTextTests
{
    [Fact]
    public void A_design_without_a_curve_prints_nothing() => Assert.Empty(GenerationCurveText.Lines([]));

    [Fact]
    public void Each_policy_is_a_row_from_real_data_through_its_generations_with_a_dash_where_no_seed_completed()
    {
        List<GenerationCurvePoint> points =
        [
            .. Shared(GenerationPolicy.Replace),
            new(GenerationPolicy.Replace, 2_000, 2, "gen2-replace", 20.0, 1.25, 3),
            new(GenerationPolicy.Replace, 2_000, 3, "gen3-replace", 15.5, 0.4, 2),
            .. Shared(GenerationPolicy.Accumulate),
            new(GenerationPolicy.Accumulate, 2_000, 2, "gen2-accumulate", 24.0, 0.3, 3),
        ];

        using var writer = new StringWriter();
        foreach (var line in GenerationCurveText.Lines(points))
        {
            writer.WriteLine(line);
        }

        Assert.Equal(
            string.Join(Environment.NewLine,
            [
                GenerationCurveText.Heading,
                "  2,000 pairs  real              gen 1             gen 2             gen 3",
                "  replace      30.00 ± 0.50 (3)  25.00 ± 0.75 (3)  20.00 ± 1.25 (3)  15.50 ± 0.40 (2)",
                "  accumulate   30.00 ± 0.50 (3)  25.00 ± 0.75 (3)  24.00 ± 0.30 (3)  –",
                string.Empty,
            ]),
            writer.ToString());
    }

    private static IEnumerable<GenerationCurvePoint> Shared(GenerationPolicy policy) =>
    [
        new(policy, 2_000, 0, "real", 30.0, 0.5, 3),
        new(policy, 2_000, 1, "gen1", 25.0, 0.75, 3),
    ];
}
