namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// A spec's cost before it runs: runs in the grid (and local generators), target tokens to train on, and the time
/// this machine needs at its measured training speed.
/// </summary>
/// <param name="TokensPerSecond">Training speed assumed (measured on earlier runs of the same model size when there are any).</param>
public sealed record ExperimentEstimate(int Runs, int GeneratorRuns, int Conditions, long TrainingTokens, double TokensPerSecond, TimeSpan Duration, IReadOnlyList<string> Warnings);
