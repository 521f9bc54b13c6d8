namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>
/// Thins a curve for display without hiding spikes: the points are cut into equal-count buckets (in x order) and each
/// bucket keeps its minimum and its maximum, so every local extreme survives (unlike every-k-th-point sampling).
/// </summary>
public static class Downsampling
{
    /// <summary>What the comparison charts draw per curve: 5,000 points become about 1,000.</summary>
    public const int DefaultMaxPoints = 1000;

    /// <summary>
    /// The indices of the points to keep, ascending: the first and the last point, and for each of
    /// <c>(maxPoints − 2) / 2</c> equal-count buckets over the rest the index of its smallest and of its largest
    /// finite y (one index if they coincide). Non-finite points are kept too, so a NaN gap or an overflow stays
    /// visible. A curve with at most <paramref name="maxPoints"/> points is kept whole.
    /// </summary>
    public static int[] MinMaxIndices(IReadOnlyList<double> y, int maxPoints = DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 4);
        var n = y.Count;
        if (n <= maxPoints)
        {
            return [.. Enumerable.Range(0, n)];
        }

        var buckets = (maxPoints - 2) / 2;
        var inner = n - 2;
        var kept = new List<int>(maxPoints + 8) { 0 };
        for (var b = 0; b < buckets; b++)
        {
            var from = 1 + (int)((long)inner * b / buckets);
            var to = 1 + (int)((long)inner * (b + 1) / buckets);
            int min = -1, max = -1;
            for (var i = from; i < to; i++)
            {
                var v = y[i];
                if (!double.IsFinite(v))
                {
                    kept.Add(i);
                    continue;
                }

                if (min < 0 || v < y[min])
                {
                    min = i;
                }

                if (max < 0 || v > y[max])
                {
                    max = i;
                }
            }

            if (min >= 0)
            {
                kept.Add(min);
                if (max != min)
                {
                    kept.Add(max);
                }
            }
        }

        kept.Add(n - 1);
        kept.Sort();
        return [.. kept.Distinct()];
    }

    /// <summary>The values at <paramref name="indices"/>.</summary>
    public static double[] Take(IReadOnlyList<double> values, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(indices);
        var result = new double[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            result[i] = values[indices[i]];
        }

        return result;
    }
}
