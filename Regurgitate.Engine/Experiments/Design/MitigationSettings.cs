namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// What the ordered strategies need besides the grid: sources held out of every training set, on which the scorer
/// models and the detector learn, so that no pair is ever scored by a model that trained on it.
/// </summary>
public sealed record MitigationSettings
{
    /// <summary>Sources held out (with their human targets) for the scorer models and the detector.</summary>
    public int HeldOutSources { get; init; } = 1_000;

    /// <summary>
    /// Local generators translate this many times the largest training size (as far as the corpus allows), for every
    /// design: at the largest size a random condition draws half the pool (at the default of 2), so that seeds vary the
    /// data and not only the initialisation, and an ordered condition keeps the best 1/factor of the pool (at a factor
    /// of 1 it would keep everything, in the same order as random).
    /// </summary>
    public double PoolFactor { get; init; } = 2.0;

    /// <summary>Model of the forward (model score) and reverse (round-trip) scorer models, trained on the held-out pairs.</summary>
    public ModelConfig ScorerModel { get; init; } = ModelConfig.Small;
    public TrainingConfig ScorerTraining { get; init; } = new() { Epochs = 10, MaxSteps = 100_000, EvaluateEvery = 100_000 };

    /// <summary>Share of the held-out sources the detector is evaluated on (accuracy, ROC AUC, calibration), not trained on.</summary>
    public double DetectorTestFraction { get; init; } = 0.2;

    /// <summary>Seed of the scorer models and the detector.</summary>
    public int Seed { get; init; } = 1;
}
