namespace Regurgitate.Engine.Analysis;

/// <summary>One fixed-width histogram bin [<see cref="From"/>, <see cref="To"/>); the last bin also holds every value ≥ its lower edge.</summary>
public sealed record HistogramBin(double From, double To, int Count);
