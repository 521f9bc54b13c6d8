using System.Buffers;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Jensen–Shannon divergence between the n-gram frequency distributions of two texts:
/// JSD(P, Q) = ½ KL(P‖M) + ½ KL(Q‖M), M = ½(P + Q), with log base 2 so it lies in [0, 1] (0 for identical
/// distributions, 1 for disjoint supports). P and Q are maximum-likelihood estimates over
/// <see cref="LexicalTokenizer"/> tokens (no smoothing: JSD is finite without it); bigrams do not cross sentence boundaries.
/// Sensitive to sample size (rare n-grams are seen by one side by chance), so compare sides of equal size.
/// </summary>
public static class Divergence
{
    public static DivergenceResult Compare(IReadOnlyList<string> first, IReadOnlyList<string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Compare(first.Select(LexicalTokenizer.Tokenize).ToArray(), second.Select(LexicalTokenizer.Tokenize).ToArray());
    }

    public static DivergenceResult Compare(IReadOnlyList<string[]> first, IReadOnlyList<string[]> second) =>
        new(JensenShannon(first, second, 1), JensenShannon(first, second, 2), LexicalTokenizer.Description);

    /// <summary>JSD of the <paramref name="order"/>-gram (1–4) distributions of two tokenized texts; 0 when both are empty, 1 when exactly one is.</summary>
    public static double JensenShannon(IReadOnlyList<string[]> first, IReadOnlyList<string[]> second, int order)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 4);

        // Both texts' n-grams in one table of interned ids (per-thread scratch): the first text's in the order they
        // first occur, then those only the second has, so the sum below adds its terms in a fixed order.
        var scratch = AnalysisScratch.ForThread();
        var vocabulary = scratch.Vocabulary();
        var counts = scratch.Paired();
        var totalP = Count(first, order, vocabulary, counts, second: false);
        var totalQ = Count(second, order, vocabulary, counts, second: true);
        if (totalP == 0 || totalQ == 0)
        {
            return totalP == totalQ ? 0 : 1;
        }

        double sum = 0;
        foreach (var (countP, countQ) in counts.Values)
        {
            var pi = (double)countP / totalP;
            var qi = (double)countQ / totalQ;
            sum += countP > 0
                ? Term(pi, qi) + (qi > 0 ? Term(qi, pi) : 0)
                : Term(qi, 0);
        }

        // Rounding can leave tiny negatives or a hair above 1.
        return Math.Clamp(sum / 2, 0, 1);
    }

    /// <summary>a · log2(a / ((a + b) / 2)) for a &gt; 0.</summary>
    private static double Term(double a, double b) => a * Math.Log2(2 * a / (a + b));

    private static long Count(IReadOnlyList<string[]> sentences, int order, Dictionary<string, int> vocabulary, Dictionary<NGram, (long First, long Second)> counts, bool second)
    {
        long total = 0;
        foreach (var s in sentences)
        {
            // Each token interned once, into a pooled buffer, and its n-grams read from the ids.
            var ids = ArrayPool<int>.Shared.Rent(s.Length);
            try
            {
                for (var t = 0; t < s.Length; t++)
                {
                    ids[t] = TokenIds.Id(s[t], vocabulary);
                }

                for (var i = 0; i + order <= s.Length; i++)
                {
                    var gram = NGram.Of(ids, i, order);
                    var (p, q) = counts.GetValueOrDefault(gram);
                    counts[gram] = second ? (p, q + 1) : (p + 1, q);
                    total++;
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(ids);
            }
        }

        return total;
    }
}
