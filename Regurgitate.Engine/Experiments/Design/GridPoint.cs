namespace Regurgitate.Engine.Experiments.Design;

/// <summary>One run of an experiment grid: its data condition, training size and seed, and the full configuration.</summary>
/// <param name="Condition">Label of the data condition (e.g. "real", "wmt22/GPT-4", "50% real + low", "low · quality").</param>
/// <param name="Strategy">The strategy's name for a synthetic condition ("random" for the plain sample); null for all-real.</param>
public sealed record GridPoint(string Condition, double RealFraction, string? SyntheticSource, int Size, int Seed, RunConfig Config, string? Strategy = null);
