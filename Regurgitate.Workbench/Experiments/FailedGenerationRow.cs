namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Failed (or blank) generations of one generator as one condition's runs saw them: distinct pool sources it failed
/// (under drop-everywhere, sources the condition lost), and slots of the condition's training sets that hit a failure
/// (kept as an empty target or replaced by the next source), summed over <see cref="Runs"/> runs.
/// </summary>
public sealed record FailedGenerationRow(string Condition, string Generator, int FailedInPool, int FailedInSets, int Runs);
