namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>A group's mean curve with its band, on the group's common x grid; <see cref="Count"/> runs per point.</summary>
public sealed record AggregatedSeries(double[] X, double[] Mean, double[] Lower, double[] Upper, int[] Count);
