using Regurgitate.Engine.Statistics;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>Run comparisons written by hand, shared by the comparison-text tests and the web comparison-table tests.</summary>
public static class ComparisonSamples
{
    public static RunComparison Sample(string otherCondition = "wmt22/GPT-4") => new(
        ComparisonOptions.Default,
        1000,
        [
            new ComparisonMetric("BLEU", "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0",
                "nrefs:1|bs:1000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0",
                "nrefs:1|ar:10000|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0"),
            new ComparisonMetric("chrF2", "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0",
                "nrefs:1|bs:1000|seed:12345|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0",
                "nrefs:1|ar:10000|seed:12345|case:mixed|eff:yes|nc:6|nw:0|space:no|version:0.1.0"),
        ],
        [
            new ComparisonRow(new ComparedRun(3, "regurgitation", RunRole.Grid, "real", 29_000, 1), true, false,
                [new ComparisonScore(34.56, 34.51, 1.234, null, null), new ComparisonScore(55.1, 55.0, 0.9, null, null)]),
            new ComparisonRow(new ComparedRun(4, "regurgitation", RunRole.Grid, otherCondition, 29_000, 1), false, false,
                [new ComparisonScore(30.04, 30.1, 1.1, 0.000999, 0.0001, 30.04 - 34.56, new ConfidenceInterval(-5.3, -3.7)),
                 new ComparisonScore(54.9, 54.8, 0.8, 0.3217, 0.35, 54.9 - 55.1, new ConfidenceInterval(-0.9, 0.5))]),
        ]);

    /// <summary>
    /// Two runs whose BLEU differs by 0.003 while the paired bootstrap says p = 0.001 (a large test set and a consistent
    /// tiny shift): at one decimal both read 30.0 and main marked the second one significant ("30.0 vs 30.0*").
    /// </summary>
    public static RunComparison EqualLooking() => new(
        ComparisonOptions.Default,
        1000,
        [Sample().Metrics[0]],
        [
            new ComparisonRow(new ComparedRun(3, "regurgitation", RunRole.Grid, "real", 29_000, 1), true, false, [new ComparisonScore(30.001, 30.0, 1.1, null, null)]),
            new ComparisonRow(new ComparedRun(4, "regurgitation", RunRole.Grid, "low", 29_000, 1), false, false,
                [new ComparisonScore(30.004, 30.0, 1.1, 0.001, 0.002, 0.003, new ConfidenceInterval(0.001, 0.005))]),
        ]);
}
