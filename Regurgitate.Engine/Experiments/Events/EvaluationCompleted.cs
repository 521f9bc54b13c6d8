namespace Regurgitate.Engine.Experiments.Events;

/// <summary>BLEU and chrF of the model's translations of a split (dev during training, test at the end).</summary>
public sealed record EvaluationCompleted(
    int Step,
    EvaluationSplit Split,
    double Bleu,
    string BleuSignature,
    double ChrF,
    string ChrFSignature,
    double? Loss,
    IReadOnlyList<TranslationSample> Samples) : RunEvent;
