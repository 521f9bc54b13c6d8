namespace Regurgitate.Workbench.Analysis;

/// <summary>One run of the mechanisms analysis: what its training set looked like, and its final test BLEU.</summary>
/// <param name="IsReal">Every training pair had its human target (shown as the reference point, kept out of the fits).</param>
/// <param name="Pairs">Pairs the run trained on (after the length filter), from its <c>training-pairs.jsonl.gz</c>.</param>
/// <param name="Tokens">Lexical tokens of its training targets.</param>
public sealed record MechanismsPoint(
    int RunId,
    string Condition,
    int Seed,
    int Size,
    bool IsReal,
    int Pairs,
    int Tokens,
    double ErrorRate,
    double Mtld,
    double RarefiedVocabulary,
    double SignalRate,
    double Bleu)
{
    public double Value(MechanismMetric metric) => metric switch
    {
        MechanismMetric.ErrorRate => ErrorRate,
        MechanismMetric.Mtld => Mtld,
        MechanismMetric.RarefiedVocabulary => RarefiedVocabulary,
        MechanismMetric.SignalRate => SignalRate,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };
}
