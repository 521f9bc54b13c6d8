namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The sources generation <see cref="Generation"/> of an experiment's local generators learns from: slice 1 with its
/// human targets (what generators trained on real data draw from), slice k ≥ 2 translated by generation k − 1. The
/// slices and the experiment's sources are disjoint, so no generator ever translates a source it (or any generation
/// whose data it inherits) trained on. <see cref="RealDatasetId"/> holds the slice's sources with their human targets.
/// </summary>
public sealed record GenerationSlice(int Generation, int Count, string RealDatasetId);
