namespace Regurgitate.Workbench.Mitigation;

/// <summary>
/// A size at which conditions trained for different numbers of optimiser steps on the same seed (as runs under the
/// epochs budget do), so their BLEU differences mix training data with training length.
/// </summary>
/// <param name="Fewest">The fewest steps any compared run of this size trained for.</param>
/// <param name="Most">The most steps any compared run of this size trained for.</param>
public sealed record StepSpread(int Size, int Fewest, int Most);
