namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The model a fine-tuning experiment starts every grid run from: trained once, from random weights, on
/// <see cref="TrainSize"/> real pairs of another corpus (news, say, before fine-tuning on image captions), with the
/// spec's <see cref="ExperimentSpec.Model"/> (every grid run inherits its architecture) and a vocabulary learned from
/// its own training pairs, which becomes the experiment's tokenizer. Its translation of the experiment's test set,
/// before any fine-tuning, is the size-0 point of every condition's learning curve.
/// </summary>
public sealed record PretrainSpec
{
    /// <summary>Catalog corpus the model is pretrained on; normally not the experiment's own.</summary>
    public string CorpusId { get; init; } = "newstest";

    public int TrainSize { get; init; } = 10_000;

    /// <summary>Dev and test sets of the pretraining corpus, for the pretraining run's own curves and score.</summary>
    public int DevSize { get; init; } = 200;

    public int TestSize { get; init; } = 500;

    /// <summary>Seed of the pretraining run's split, sample, initialisation and batches.</summary>
    public int Seed { get; init; } = 1;

    public TrainingConfig Training { get; init; } = new() { Epochs = 10, MaxSteps = 100_000, EvaluateEvery = 100_000 };
}
