namespace Regurgitate.Workbench.Comparison;

/// <summary>Compares finished runs on their test translations with sacreBLEU's paired significance tests.</summary>
public interface IRunComparisonService
{
    /// <summary>Completed runs, newest first, with whether they kept their test translations.</summary>
    Task<IReadOnlyList<ComparisonCandidate>> ListCandidatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Scores the baseline and every other run on the shared test set and tests each against the baseline (paired
    /// bootstrap and approximate randomization). The work runs on the thread pool; results are cached per runs and
    /// options, since a completed run's outputs never change.
    /// </summary>
    /// <exception cref="RunComparisonException">A run is unknown or has no test outputs, or the test sets differ.</exception>
    Task<RunComparison> CompareAsync(int baselineRunId, IReadOnlyList<int> otherRunIds, ComparisonOptions options, CancellationToken cancellationToken);
}
