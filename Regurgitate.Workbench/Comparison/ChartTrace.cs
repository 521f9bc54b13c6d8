namespace Regurgitate.Workbench.Comparison;

/// <summary>
/// One line of a comparison chart as plain data, so the chart, the CSV/JSON exports and figure export all draw from
/// the same numbers.
/// </summary>
/// <param name="Name">Legend label, e.g. "#12 real s1" or "Mixture.RealFraction = 0.5 (n=3)".</param>
/// <param name="Key">Stable identity of the line: the run id, or the group value.</param>
/// <param name="Color">CSS colour, the same for a run (or group) in every chart.</param>
/// <param name="Kind">Raw, smoothed or group mean.</param>
/// <param name="RunIds">The runs behind the line.</param>
/// <param name="X">X values, ascending.</param>
/// <param name="Y">Y values.</param>
/// <param name="Lower">The band's lower edge (group means only).</param>
/// <param name="Upper">The band's upper edge (group means only).</param>
public sealed record ChartTrace(
    string Name,
    string Key,
    string Color,
    ChartTraceKind Kind,
    IReadOnlyList<int> RunIds,
    double[] X,
    double[] Y,
    double[]? Lower = null,
    double[]? Upper = null)
{
    public bool IsRaw => Kind is ChartTraceKind.Raw or ChartTraceKind.GroupRawMean;
}
