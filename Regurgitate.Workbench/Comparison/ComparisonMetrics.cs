using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Comparison;

/// <summary>The curves the comparison offers, and which way is better for each.</summary>
public static class ComparisonMetrics
{
    /// <summary>Curves summarised in the runs table (last / best / best smoothed).</summary>
    public static IReadOnlyList<string> TableMetrics { get; } = [MetricNames.TrainLoss, MetricNames.DevLoss, MetricNames.DevBleu, MetricNames.DevChrF];

    /// <summary>Curves that can be charted.</summary>
    public static IReadOnlyList<string> ChartMetrics { get; } =
    [
        MetricNames.TrainLoss, MetricNames.DevLoss, MetricNames.DevBleu, MetricNames.DevChrF,
        MetricNames.TrainLearningRate, MetricNames.TrainTokensPerSecond,
    ];

    /// <summary>Losses are better low; scores (BLEU, chrF) and everything else are better high.</summary>
    public static bool LowerIsBetter(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.EndsWith("loss", StringComparison.OrdinalIgnoreCase);
    }
}
