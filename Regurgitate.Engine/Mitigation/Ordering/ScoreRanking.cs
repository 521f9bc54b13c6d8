using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Mitigation.Ordering;

/// <summary>
/// Orders items best first by score: higher scores first, items without a score (null or not finite) last, ties — and
/// the unscored tail — in a seeded random order, so that equal scores never favour the pool's file order.
/// </summary>
public static class ScoreRanking
{
    private const ulong TieStream = 31;

    /// <returns>Indices into <paramref name="scores"/>, best first.</returns>
    public static int[] Rank(IReadOnlyList<double?> scores, int seed)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var tieBreak = new DeterministicRandom(seed, TieStream).Permutation(scores.Count);
        var rankOfTie = new int[scores.Count];
        for (var i = 0; i < tieBreak.Length; i++)
        {
            rankOfTie[tieBreak[i]] = i;
        }

        var indices = Enumerable.Range(0, scores.Count).ToArray();
        Array.Sort(indices, (a, b) =>
        {
            var sa = scores[a] is double x && double.IsFinite(x) ? x : (double?)null;
            var sb = scores[b] is double y && double.IsFinite(y) ? y : (double?)null;
            if (sa is null != sb is null)
            {
                return sa is null ? 1 : -1;
            }

            var byScore = sa is null ? 0 : sb!.Value.CompareTo(sa.Value);
            return byScore != 0 ? byScore : rankOfTie[a].CompareTo(rankOfTie[b]);
        });
        return indices;
    }
}
