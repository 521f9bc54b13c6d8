namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// A generator the experiment trains itself: a model trained on <see cref="TrainSize"/> pairs (real ones, or the output
/// of an earlier generator for iterated generations) that then translates the pool's sources with beam search.
/// Its training pairs are held out of the translated pool, so it never simply recalls a human reference.
/// </summary>
public sealed record LocalGeneratorSpec
{
    /// <summary>Name used by <see cref="SyntheticSourceSpec"/>s of this spec (e.g. "low", "high", "gen2").</summary>
    public string Id { get; init; } = "";

    public int TrainSize { get; init; } = 1_000;

    /// <summary>"real", or the id of an earlier generator of this spec whose output it learns from (iterated generations).</summary>
    public string TrainOn { get; init; } = "real";

    /// <summary>For iterated generations: replace (learn from the previous generation only) or accumulate (real data and every earlier generation).</summary>
    public GenerationPolicy Policy { get; init; } = GenerationPolicy.Replace;

    public int Seed { get; init; } = 1;
    public ModelConfig Model { get; init; } = ModelConfig.Tiny;
    public TrainingConfig Training { get; init; } = new() { Epochs = 20, MaxSteps = 100_000, EvaluateEvery = 100_000 };
    public int BeamSize { get; init; } = 5;
}
