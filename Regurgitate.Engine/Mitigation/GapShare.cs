using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Mitigation;

/// <summary>The share of the real-vs-baseline gap a strategy closes, in percent: 0 is the baseline, 100 real data.</summary>
/// <param name="Percent">100 · (S − B) / (R − B) on the means over seeds.</param>
/// <param name="Interval">Percentile interval over the hierarchical bootstrap resamples.</param>
/// <param name="UnboundedResamples">Resamples in which real data was not better than the baseline, counted as ±∞ (see <see cref="GapClosure"/>).</param>
public sealed record GapShare(double Percent, ConfidenceInterval Interval, int UnboundedResamples);
