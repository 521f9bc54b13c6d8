namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// How well one reference-free scorer ranks one generator's pairs like the reference-based oracle (sentence chrF
/// against the human translation) does: Kendall's τ-b, Spearman's ρ (average ranks for ties) and Pearson's r over the
/// pairs both scored.
/// </summary>
public sealed record ScorerAgreement(string GeneratorId, string Scorer, int Pairs, double? KendallTau, double? Spearman, double? Pearson);
