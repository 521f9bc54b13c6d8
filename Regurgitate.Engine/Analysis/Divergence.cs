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

    /// <summary>JSD of the <paramref name="order"/>-gram distributions of two tokenized texts; 0 when both are empty, 1 when exactly one is.</summary>
    public static double JensenShannon(IReadOnlyList<string[]> first, IReadOnlyList<string[]> second, int order)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        var p = Count(first, order, out var totalP);
        var q = Count(second, order, out var totalQ);
        if (totalP == 0 || totalQ == 0)
        {
            return totalP == totalQ ? 0 : 1;
        }

        double sum = 0;
        foreach (var (gram, countP) in p)
        {
            var pi = countP / totalP;
            var qi = q.TryGetValue(gram, out var countQ) ? countQ / totalQ : 0;
            sum += Term(pi, qi) + (qi > 0 ? Term(qi, pi) : 0);
        }

        foreach (var (gram, countQ) in q)
        {
            if (!p.ContainsKey(gram))
            {
                sum += Term(countQ / totalQ, 0);
            }
        }

        // Rounding can leave tiny negatives or a hair above 1.
        return Math.Clamp(sum / 2, 0, 1);
    }

    /// <summary>a · log2(a / ((a + b) / 2)) for a &gt; 0.</summary>
    private static double Term(double a, double b) => a * Math.Log2(2 * a / (a + b));

    private static Dictionary<string, double> Count(IReadOnlyList<string[]> sentences, int order, out double total)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        total = 0;
        foreach (var s in sentences)
        {
            for (var i = 0; i + order <= s.Length; i++)
            {
                // U+0001 (a control character that real text does not contain) joins the tokens into one hashable key.
                var key = order == 1 ? s[i] : string.Join('\u0001', s, i, order);
                counts[key] = counts.GetValueOrDefault(key) + 1;
                total++;
            }
        }

        return counts;
    }
}
