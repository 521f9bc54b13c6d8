using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Testing;

/// <summary>The toy experiment the Workbench's experiment, folder and archive tests run, written once.</summary>
public static class ToyExperimentSpecs
{
    /// <summary>
    /// Real pairs against a tiny local generator's translations of the same sources: sizes 40 and 80, seeds 1 and 2,
    /// eight grid runs on a few dozen Multi30k pairs, with <paramref name="training"/> for the generator and the grid.
    /// </summary>
    public static ExperimentSpec RealVsLow(string name, TrainingConfig training) => new()
    {
        Name = name,
        CorpusId = "multi30k",
        DevSize = 8,
        TestSize = 12,
        Sizes = [40, 80],
        RealFractions = [1.0, 0.0],
        SyntheticSources = [new SyntheticSourceSpec { Generators = [new SyntheticShare("low")] }],
        Generators = [new LocalGeneratorSpec { Id = "low", TrainSize = 60, Model = ToyWorkbenchHost.Toy, Training = training, BeamSize = 2 }],
        Seeds = [1, 2],
        Model = ToyWorkbenchHost.Toy,
        Training = training,
    };
}
