namespace Regurgitate.Engine.Experiments.Design;

/// <summary>One run of an experiment grid: its data condition, training size and seed, and the full configuration.</summary>
/// <param name="Condition">Label of the data condition (e.g. "real", "wmt22/GPT-4", "50% real + low").</param>
public sealed record GridPoint(string Condition, double RealFraction, string? SyntheticSource, int Size, int Seed, RunConfig Config);
