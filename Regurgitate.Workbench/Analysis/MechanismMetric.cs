namespace Regurgitate.Workbench.Analysis;

/// <summary>A property of a run's training set that the mechanisms page puts against the run's test BLEU.</summary>
public enum MechanismMetric
{
    /// <summary>Share of training targets with sentence chrF2 &lt; 30 against the human reference of the same source.</summary>
    ErrorRate,

    /// <summary>MTLD of the training targets (TTR threshold 0.72, both directions).</summary>
    Mtld,

    /// <summary>Types expected in a random sample of the common token budget of the training targets (rarefaction).</summary>
    RarefiedVocabulary,

    /// <summary>Share of training pairs with any reference-free error signal.</summary>
    SignalRate,
}
