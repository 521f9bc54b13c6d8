using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Mitigation;

/// <summary>
/// One per-instance score for each synthetic pair of one generator, keyed by German source (higher = better, or = more
/// human-like for a detector). A source without a score could not be scored (e.g. no other generator translated it);
/// ordering puts such pairs last. <see cref="Components"/> keeps the parts of a combined score for analysis.
/// </summary>
public sealed class PairScores
{
    private readonly Dictionary<string, PairScore> bySource;

    public PairScores(string scorerName, string generatorId, bool isOracle, IEnumerable<PairScore> scores)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scorerName);
        ArgumentException.ThrowIfNullOrWhiteSpace(generatorId);
        ArgumentNullException.ThrowIfNull(scores);
        ScorerName = scorerName;
        GeneratorId = generatorId;
        IsOracle = isOracle;
        bySource = new Dictionary<string, PairScore>(SourceKey.Comparer);
        foreach (var score in scores)
        {
            if (!bySource.TryAdd(SourceKey.Of(score.Source), score))
            {
                throw new ArgumentException($"Source scored twice for '{generatorId}': {score.Source}", nameof(scores));
            }
        }
    }

    public string ScorerName { get; }
    public string GeneratorId { get; }

    /// <summary>True when the score needed the human reference: fit for analysis, never for ordering a real experiment.</summary>
    public bool IsOracle { get; }

    public int Count => bySource.Count;
    public IEnumerable<PairScore> All => bySource.Values;

    /// <summary>The score of this source's pair, or null when it was not scored or could not be.</summary>
    public double? Of(string source) =>
        bySource.TryGetValue(SourceKey.Of(source), out var score) ? score.Value : null;
}
