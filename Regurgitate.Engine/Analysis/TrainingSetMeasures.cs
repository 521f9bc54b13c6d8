namespace Regurgitate.Engine.Analysis;

/// <summary>What <see cref="TrainingSetAnalyzer"/> measured on one training set.</summary>
/// <param name="ErrorRate">Share of pairs (with a non-empty reference) whose target scores sentence chrF2 below the threshold against the human reference.</param>
/// <param name="SignalRate">Share of pairs with any reference-free error signal (<see cref="PairErrorSignals.Any"/>).</param>
/// <param name="Mtld">MTLD of the targets (bidirectional, TTR threshold 0.72).</param>
/// <param name="Tokens">The targets' lexical tokens in training order, for <see cref="RarefiedVocabulary"/>.</param>
public sealed record TrainingSetMeasures(int Pairs, int RealPairs, double ErrorRate, double SignalRate, double Mtld, IReadOnlyList<string> Tokens)
{
    public bool IsAllReal => Pairs > 0 && RealPairs == Pairs;

    /// <summary>Types expected in a random sample of <paramref name="budget"/> of the tokens (see <see cref="LexicalDiversity.RarefiedVocabulary"/>).</summary>
    public double RarefiedVocabulary(int budget) => LexicalDiversity.RarefiedVocabulary(Tokens, budget);
}
