namespace Regurgitate.Workbench.Comparison;

/// <summary>A completed run that can be picked for a comparison.</summary>
/// <param name="Run">The run.</param>
/// <param name="TestBleu">Its stored test BLEU.</param>
/// <param name="HasTestOutputs">Whether its directory holds the test translations that paired tests need.</param>
public sealed record ComparisonCandidate(ComparedRun Run, double? TestBleu, bool HasTestOutputs);
