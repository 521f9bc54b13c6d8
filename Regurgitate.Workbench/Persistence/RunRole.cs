namespace Regurgitate.Workbench.Persistence;

/// <summary>Why a run exists.</summary>
public enum RunRole
{
    /// <summary>Started on its own from the dashboard.</summary>
    Single,

    /// <summary>One point of an experiment spec's grid.</summary>
    Grid,

    /// <summary>Trains a local generator whose translations become synthetic data.</summary>
    Generator,

    /// <summary>Trains a scorer model of an ordered strategy (forward model score or reverse round-trip) on held-out pairs.</summary>
    Scorer,

    /// <summary>
    /// The model a fine-tuning experiment pretrains once (condition "pretraining"), or that model's score on the
    /// experiment's test set before any fine-tuning (condition "pretrained", the size-0 point of the learning curves).
    /// </summary>
    Pretraining,
}
