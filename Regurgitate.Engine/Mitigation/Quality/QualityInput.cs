namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// One synthetic pair to score: the German <see cref="Source"/>, its synthetic English <see cref="Target"/>, the
/// other generators' targets for the same source (for consensus scores; may be empty) and, for oracle analysis only,
/// the human <see cref="Reference"/>.
/// </summary>
public sealed record QualityInput(string Source, string Target, IReadOnlyList<string> OtherTargets, string? Reference = null);
