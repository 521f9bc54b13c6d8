namespace Regurgitate.Engine.Mitigation;

/// <summary>Mean scores over seeds, the share of the gap closed (percent) and its bootstrap percentile interval.</summary>
public sealed record GapClosureResult(
    double RealMean,
    double BaselineMean,
    double StrategyMean,
    double GapClosedPercent,
    double Lower,
    double Upper,
    int Resamples,
    int Seeds);
