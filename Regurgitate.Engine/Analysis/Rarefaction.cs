namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Expected vocabulary of a random sample of the tokens (Hurlbert 1971): the token-budget vocabulary, the public
/// rarefied vocabulary and HD-D all rest on it.
/// </summary>
internal static class Rarefaction
{
    /// <summary>HD-D: expected types in a sample of <paramref name="sample"/> tokens, per token; NaN when the text is shorter than the sample.</summary>
    public static double Hdd(int[] ids, int types, int sample) =>
        ids.Length < sample ? double.NaN : ExpectedTypes(TokenIds.Frequencies(ids, types), ids.Length, sample) / sample;

    /// <summary>
    /// Expected number of types in a sample of <paramref name="sample"/> tokens drawn without replacement
    /// (rarefaction): Σ_types 1 − C(N−f, s)/C(N, s). The ratio equals C(N−s, f)/C(N, f) = Π_{j&lt;f} (N−s−j)/(N−j),
    /// f factors instead of s, so the whole sum costs O(N); types sharing a frequency share one product.
    /// </summary>
    public static double ExpectedTypes(int[] frequencies, long n, long sample)
    {
        var cache = new Dictionary<int, double>();
        double sum = 0;
        foreach (var f in frequencies)
        {
            if (f == 0)
            {
                continue;
            }

            if (!cache.TryGetValue(f, out var present))
            {
                var none = 1.0;
                if (n - sample < f)
                {
                    none = 0;
                }
                else
                {
                    for (var j = 0; j < f && none > 0; j++)
                    {
                        none *= (double)(n - sample - j) / (n - j);
                    }
                }

                present = 1 - none;
                cache[f] = present;
            }

            sum += present;
        }

        return sum;
    }
}
