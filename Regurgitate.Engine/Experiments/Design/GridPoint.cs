namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// One run of an experiment grid: its data condition, training size and seed, and the full configuration.
/// <see cref="Seed"/> is the spec's seed the run replicates; <see cref="DataSeed"/> drew its training set and
/// <see cref="InitSeed"/> initialised its model (both equal to it unless the spec fixes one).
/// </summary>
/// <param name="Condition">Label of the data condition (e.g. "real", "wmt22/GPT-4", "50% real + low", "low · quality").</param>
/// <param name="Strategy">The strategy's name for a synthetic condition ("random" for the plain sample); null for all-real.</param>
public sealed record GridPoint(string Condition, double RealFraction, string? SyntheticSource, int Size, int Seed, RunConfig Config, string? Strategy = null)
{
    public int DataSeed => Config.EffectiveDataSeed;

    public int InitSeed => Config.EffectiveInitSeed;
}
