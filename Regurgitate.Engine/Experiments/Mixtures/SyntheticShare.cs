namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>One generator of a mixture's synthetic share, with its relative weight.</summary>
public sealed record SyntheticShare(string GeneratorId, double Weight = 1.0);
