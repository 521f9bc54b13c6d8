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

    public int Total => Counts.Values.Sum();

    public string Describe() =>
        string.Join(" + ", Counts.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}"))
        + (IdenticalToReference > 0 ? $" ({IdenticalToReference:N0} synthetic targets identical to the human reference)" : string.Empty);
}
