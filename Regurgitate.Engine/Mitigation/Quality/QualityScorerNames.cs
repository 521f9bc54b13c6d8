namespace Regurgitate.Engine.Mitigation.Quality;

/// <summary>The stable ids of the quality scorers, as written in score files and experiment specs.</summary>
public static class QualityScorerNames
{
    /// <summary>Mean sentence chrF against the other generators' targets (<see cref="ConsensusChrFScorer"/>).</summary>
    public const string Consensus = "consensus";

    /// <summary>Mean sentence BLEU against the other generators' targets (<see cref="ConsensusBleuScorer"/>).</summary>
    public const string ConsensusBleu = "consensus-bleu";

    /// <summary>Mean token log-probability under a forward model (<see cref="ModelScoreScorer"/>).</summary>
    public const string Model = "model";

    /// <summary>chrF of the back-translation against the source (<see cref="RoundTripScorer"/>).</summary>
    public const string RoundTrip = "roundtrip";

    /// <summary>Reference-free error signals (<see cref="ErrorSignalScorer"/>).</summary>
    public const string Signals = "signals";

    /// <summary>Sentence chrF against the human reference; analysis only (<see cref="OracleChrFScorer"/>).</summary>
    public const string OracleChrF = "oracle-chrf";

    /// <summary>Weighted mean of z-normalised scores (<see cref="CombinedScorer"/>).</summary>
    public const string Combined = "combined";

    /// <summary>Every id above.</summary>
    public static IReadOnlyList<string> All { get; } = [Consensus, ConsensusBleu, Model, RoundTrip, Signals, OracleChrF, Combined];
}
