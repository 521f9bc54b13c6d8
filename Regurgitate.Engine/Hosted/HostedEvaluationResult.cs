using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Hosted;

/// <summary>
/// A fine-tuned model's translation of the test set, scored: <paramref name="Deployment"/> is the model or Azure
/// deployment that translated; <paramref name="Failed"/> counts sources without a translation (scored as empty
/// hypotheses, so they cost BLEU rather than vanish); <paramref name="GenerationDirectory"/> holds its journal.
/// </summary>
public sealed record HostedEvaluationResult(string Label, string Deployment, BleuScore Bleu, ChrFScore ChrF, int Sentences, int Failed, decimal Cost, string GenerationDirectory)
{
    /// <summary>The translation of each test sentence, in test order (empty where it failed).</summary>
    public IReadOnlyList<string> Hypotheses { get; init; } = [];
}
