namespace Regurgitate.Engine.Analysis;

/// <summary>A statistic and its percentile bootstrap interval (null when no resample had it defined).</summary>
/// <param name="Resamples">Resamples in which the statistic was defined (e.g. not every point drawn with the same x).</param>
public sealed record IntervalEstimate(double Value, double? Low, double? High, int Resamples);
