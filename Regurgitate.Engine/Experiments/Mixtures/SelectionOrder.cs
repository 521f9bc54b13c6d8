using System.ComponentModel.DataAnnotations;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// Which synthetic pairs a mixture takes when it does not take a random sample: each generator's pairs ranked by a
/// per-instance score (quality, or a detector's probability of being human-written), best first, so that a training
/// set of size n holds the n best-scored pairs and a larger set adds the next ones — the study's ordered inclusion.
/// </summary>
public sealed record SelectionOrder
{
    /// <summary>The strategy that produced the scores (shown in reports), e.g. "quality" or "detector".</summary>
    public required string Name { get; init; }

    /// <summary>Folder of the strategy's scores, one file per generator (see <c>PairScoreStore</c>).</summary>
    public required string ScoresDirectory { get; init; }

    /// <summary>Share of each generator's candidate pairs dropped from the bottom of its ranking before any is chosen.</summary>
    [Range(0.0, 0.95)] public double DropBottomFraction { get; init; }
}
