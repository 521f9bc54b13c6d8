using System.Text.Json.Serialization;

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

    /// <summary>What the set did with failed or blank generations (see <see cref="FailurePolicy"/>).</summary>
    public FailurePolicy Failures { get; init; }

    /// <summary>
    /// Per generator the mixture involves (its own and those it aligns with): distinct pool sources it failed to
    /// translate. Under drop-everywhere these sources are left out of every condition aligned with it.
    /// </summary>
    public IReadOnlyDictionary<string, int> FailedInPool { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// Per generator of the synthetic share: its slots in this set whose source it had failed, which were then trained
    /// with an empty target (keep-as-empty) or given the next translated source (replace-with-next-source). Always 0
    /// under drop-everywhere and for ordered selections, which never take a failed pair.
    /// </summary>
    public IReadOnlyDictionary<string, int> FailedInSet { get; init; } = new Dictionary<string, int>();

    /// <summary>The strategy whose scores chose the synthetic pairs; null for a random sample.</summary>
    public string? OrderedBy { get; init; }

    /// <summary>Candidate pairs each generator lost to the bottom filter of an ordered selection.</summary>
    public IReadOnlyDictionary<string, int>? Dropped { get; init; }

    /// <summary>Mean score of the chosen pairs per generator in an ordered selection (unscored pairs left out).</summary>
    public IReadOnlyDictionary<string, double>? MeanScores { get; init; }

    /// <summary>
    /// For a set composed of parts (an iterated generation's): each slice it drew from, the origin of its targets and
    /// the pairs it gave, so that the run's training-set.json says which slices and generations it learned from.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<SlicePart>? Parts { get; init; }

    public int Total => Counts.Values.Sum();

    public string Describe() =>
        string.Join(" + ", Counts.Where(c => c.Value > 0).Select(c => $"{c.Value:N0} {c.Key}"))
        + (OrderedBy is null ? string.Empty : $", synthetic pairs ordered by {OrderedBy}")
        + (IdenticalToReference > 0 ? $" ({IdenticalToReference:N0} synthetic targets identical to the human reference)" : string.Empty);

    /// <summary>The failed generations of the pool and what this set did with them; empty when no generator failed.</summary>
    public string DescribeFailures()
    {
        var inPool = FailedInPool.Where(f => f.Value > 0).Select(f => $"{f.Value:N0} by {f.Key}").ToList();
        var inSet = FailedInSet.Where(f => f.Value > 0).Select(f => $"{f.Value:N0} of {f.Key}").ToList();
        if (inPool.Count == 0)
        {
            return string.Empty;
        }

        var action = Failures switch
        {
            FailurePolicy.KeepAsEmpty => "kept with an empty target",
            FailurePolicy.ReplaceWithNextSource => "replaced by the next translated source",
            _ => "left out of every condition",
        };
        return $"Failed generations in the pool: {string.Join(", ", inPool)} ({(Failures == FailurePolicy.DropEverywhere ? action : $"in this set {(inSet.Count == 0 ? "none" : string.Join(", ", inSet))} {action}")})";
    }
}
