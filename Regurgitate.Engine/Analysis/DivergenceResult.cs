namespace Regurgitate.Engine.Analysis;

/// <summary>Jensen–Shannon divergences (base 2, in [0, 1]) between the unigram and the bigram distributions of two texts.</summary>
public sealed record DivergenceResult(double Unigram, double Bigram, string Tokenization);
