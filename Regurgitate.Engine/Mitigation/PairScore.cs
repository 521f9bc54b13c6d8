namespace Regurgitate.Engine.Mitigation;

/// <summary>The score of one synthetic pair; <see cref="Value"/> is null when the scorer could not score it.</summary>
public sealed record PairScore(string Source, double? Value, IReadOnlyDictionary<string, double?>? Components = null);
