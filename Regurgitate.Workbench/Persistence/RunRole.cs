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
}
