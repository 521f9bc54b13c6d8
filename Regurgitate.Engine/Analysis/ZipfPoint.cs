namespace Regurgitate.Engine.Analysis;

/// <summary>One point of a rank–frequency (Zipf) plot: the <see cref="Rank"/>-th most frequent type occurs <see cref="Frequency"/> times.</summary>
public sealed record ZipfPoint(int Rank, int Frequency);
