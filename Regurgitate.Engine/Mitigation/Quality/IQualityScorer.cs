namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>
/// A per-instance quality score of synthetic translation pairs, used to order them (higher = better quality).
/// Scores are comparable within one scorer only; combine scorers through <see cref="CombinedScorer"/>.
/// Implementations are deterministic, accept an empty list, report progress from 0 to 1 (ending at 1) and honour
/// cancellation.
/// </summary>
public interface IQualityScorer
{
    /// <summary>Stable id used in files and specs (see <see cref="QualityScorerNames"/>).</summary>
    string Name { get; }

    /// <summary>True only for scores that need a human reference: for analysis, never for ordering training data.</summary>
    bool IsOracle { get; }

    /// <summary>One score per input, in input order; null where the pair cannot be scored.</summary>
    Task<IReadOnlyList<double?>> ScoreAsync(IReadOnlyList<QualityInput> inputs, IProgress<double>? progress, CancellationToken cancellationToken);
}
