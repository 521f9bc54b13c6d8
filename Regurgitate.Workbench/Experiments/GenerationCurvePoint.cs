using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// One point of the BLEU-by-generation curve (<see cref="GenerationCurve"/>): the grid condition whose models learned
/// from generation <see cref="Generation"/>'s data (0: the real pairs) under <see cref="Policy"/>, at one training size,
/// with the mean test BLEU over its completed seeds, their sample standard deviation and how many seeds there were.
/// </summary>
public sealed record GenerationCurvePoint(GenerationPolicy Policy, int Size, int Generation, string Condition, double Mean, double StandardDeviation, int Seeds);
