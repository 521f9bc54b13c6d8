namespace Regurgitate.Engine.Analysis;

/// <summary>
/// How much of a target vocabulary (by default the real test set's / human references') a side uses.
/// <see cref="TypeCoverage"/> = |V_side ∩ V_target| / |V_target|; <see cref="TokenCoverage"/> = share of target
/// running tokens whose type the side contains; <see cref="RareTypeCoverage"/> = the same as TypeCoverage over the
/// target's rare types, defined as types occurring at most <see cref="RareMaxCount"/> times in the target text.
/// </summary>
public sealed record VocabularyCoverage(
    int TargetTypes,
    double TypeCoverage,
    double TokenCoverage,
    int RareTargetTypes,
    int RareMaxCount,
    double RareTypeCoverage);
