namespace Regurgitate.Engine.Evaluation.Significance;

/// <summary>NumPy's float64 reductions that sacreBLEU's significance code relies on, in NumPy's order of operations.</summary>
internal static class NumpyReductions
{
    private const int BlockSize = 128;

    /// <summary><c>np.sum</c> of a contiguous float64 array: NumPy's pairwise summation (8 accumulators, blocks of 128).</summary>
    public static double Sum(ReadOnlySpan<double> a)
    {
        if (a.Length < 8)
        {
            var res = 0.0;
            foreach (var x in a)
            {
                res += x;
            }

            return res;
        }

        if (a.Length <= BlockSize)
        {
            Span<double> r = stackalloc double[8];
            a[..8].CopyTo(r);
            var i = 8;
            for (; i < a.Length - (a.Length % 8); i += 8)
            {
                for (var j = 0; j < 8; j++)
                {
                    r[j] += a[i + j];
                }
            }

            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < a.Length; i++)
            {
                res += a[i];
            }

            return res;
        }

        var half = a.Length / 2;
        half -= half % 8;
        return Sum(a[..half]) + Sum(a[half..]);
    }

    public static double Mean(ReadOnlySpan<double> a) => Sum(a) / a.Length;

    /// <summary>
    /// sacreBLEU's <c>estimate_ci</c>: the mean of the resampled scores and half the distance between the
    /// (n/40)-th smallest and (n/40)-th largest of them (a 95% interval).
    /// </summary>
    public static (double Mean, double HalfWidth) EstimateConfidence(ReadOnlySpan<double> scores)
    {
        if (scores.IsEmpty)
        {
            throw new ArgumentException("No scores to estimate a confidence interval from.", nameof(scores));
        }

        var sorted = scores.ToArray();
        Array.Sort(sorted);
        var lower = sorted.Length / 40;
        var upper = sorted.Length - lower - 1;
        return (Mean(sorted), 0.5 * (sorted[upper] - sorted[lower]));
    }

    /// <summary>
    /// sacreBLEU's <c>_compute_p_value</c> (after multeval): the share of sampled statistics strictly greater than
    /// the observed one, with +1 smoothing of both counts.
    /// </summary>
    public static double PValue(ReadOnlySpan<double> sampled, double observed)
    {
        var count = 0;
        foreach (var s in sampled)
        {
            if (s > observed)
            {
                count++;
            }
        }

        return (count + 1.0) / (sampled.Length + 1.0);
    }
}
