using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

/// <summary>Small runs-table rows for component tests.</summary>
internal static class CompareChartsRows
{
    public static ComparisonRunRow Row(int id, string condition, int size, double realFraction, params string[] tags)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Condition"] = condition,
            ["Mixture.RealFraction"] = realFraction.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Training.LearningRate"] = id == 3 ? "0.001" : "0.0007",
            ["Tags"] = string.Join(',', tags),
        };
        return new ComparisonRunRow(id, "exp", condition, size, id, realFraction, RunStatus.Completed, tags, 10 + id, 30 + id, 100, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, fields);
    }

    public static IReadOnlyList<ComparisonRunRow> Three { get; } =
    [
        Row(1, "real", 2000, 1.0, "paper"),
        Row(2, "wmt22/GPT-4", 1000, 0.0),
        Row(3, "50% real", 4000, 0.5, "paper", "ablation"),
    ];
}
