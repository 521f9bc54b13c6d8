namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// A generator the experiment trains itself: a model trained on <see cref="TrainSize"/> pairs (real ones, or the output
/// of an earlier generator for iterated generations) that then translates the pool's sources with beam search.
/// Its training sources are held out of everything it translates (see <see cref="GenerationPlanner"/>), so it never
/// simply recalls a human reference or its own training targets.
/// </summary>
public sealed record LocalGeneratorSpec
{
    /// <summary>Name used by <see cref="SyntheticSourceSpec"/>s of this spec (e.g. "low", "high", "gen2").</summary>
    public string Id { get; init; } = "";

    /// <summary>
    /// Pairs of this generator's own slice: its whole training set when it learns from real data or under
    /// <see cref="GenerationPolicy.Replace"/>; under <see cref="GenerationPolicy.Accumulate"/> what it adds to the data of
    /// the generations before it.
    /// </summary>
    public int TrainSize { get; init; } = 1_000;

    /// <summary>"real", or the id of an earlier generator of this spec whose output it learns from (iterated generations).</summary>
    public string TrainOn { get; init; } = "real";

    /// <summary>
    /// For iterated generations: replace (learn from the previous generation's translations only) or accumulate (the
    /// real data and every earlier generation's translations, growing with each generation).
    /// </summary>
    public GenerationPolicy Policy { get; init; } = GenerationPolicy.Replace;

    public int Seed { get; init; } = 1;
    public ModelConfig Model { get; init; } = ModelConfig.Tiny;
    public TrainingConfig Training { get; init; } = new() { Epochs = 20, MaxSteps = 100_000, EvaluateEvery = 100_000 };
    public int BeamSize { get; init; } = 5;
}
