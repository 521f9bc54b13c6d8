namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>How a mixed training set was composed, for the run's log and the data report.</summary>
public sealed record MixtureReport
{
    public required int Requested { get; init; }

    /// <summary>Distinct sources that every involved generator translated successfully.</summary>
    public required int Candidates { get; init; }

    /// <summary>Pool pairs left out because some involved generator has no successful translation of their source.</summary>
    public required int Uncovered { get; init; }

    /// <summary>Pool pairs left out because their German source repeats an earlier pair's.</summary>
    public required int DuplicateSources { get; init; }

    /// <summary>Pairs per origin ("real" or a generator id), in a stable order.</summary>
    public required IReadOnlyDictionary<string, int> Counts { get; init; }

    /// <summary>Synthetic pairs whose target equals the human reference exactly (flagged, kept).</summary>
    public required int IdenticalToReference { get; init; }

    /// <summary>The strategy whose scores chose the synthetic pairs; null for a random sample.</summary>
    public string? OrderedBy { get; init; }

    /// <summary>Candidate pairs each generator lost to the bottom filter of an ordered selection.</summary>
    public IReadOnlyDictionary<string, int>? Dropped { get; init; }

    /// <summary>Mean score of the chosen pairs per generator in an ordered selection (unscored pairs left out).</summary>
    public IReadOnlyDictionary<string, double>? MeanScores { get; init; }

    public int Total => Counts.Values.Sum();

    public string Describe() =>
        string.Join(" + ", Counts.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}"))
        + (OrderedBy is null ? string.Empty : $", synthetic pairs ordered by {OrderedBy}")
        + (IdenticalToReference > 0 ? $" ({IdenticalToReference:N0} synthetic targets identical to the human reference)" : string.Empty);
}
