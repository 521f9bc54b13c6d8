using Regurgitate.Engine.Statistics;

namespace Regurgitate.Engine.Mitigation;

/// <summary>A strategy against the baseline and real data (see <see cref="GapClosure"/>).</summary>
/// <param name="StrategyMinusBaseline">Strategy − baseline in score points.</param>
/// <param name="RealMinusBaseline">Real − baseline in score points, from the same resamples.</param>
/// <param name="Share">The share of the gap closed; null when real data is not measurably better than the baseline (R − B's estimate or either interval reaches 0).</param>
public sealed record GapClosureResult(PairedDifference StrategyMinusBaseline, PairedDifference RealMinusBaseline, GapShare? Share);
