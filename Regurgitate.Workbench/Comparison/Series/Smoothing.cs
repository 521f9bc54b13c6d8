namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>
/// Smoothing of a curve's values in point order, on full-resolution data (before any downsampling for display), so
/// the same input always gives the same, exportable output.
/// </summary>
public static class Smoothing
{
    /// <summary>Applies <paramref name="options"/> to <paramref name="values"/>; a new array, the input is not changed.</summary>
    public static double[] Apply(IReadOnlyList<double> values, SmoothingOptions options)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(options);
        return options.Kind switch
        {
            SmoothingKind.Ema => Ema(values, options.Parameter),
            SmoothingKind.Gaussian => Gaussian(values, options.Parameter),
            SmoothingKind.RunningMean => RunningMean(values, (int)Math.Round(options.Parameter)),
            _ => [.. values],
        };
    }

    /// <summary>
    /// TensorBoard's scalar-dashboard smoothing (a debiased exponential moving average), point for point:
    /// <code>
    /// last = 0; n = 0
    /// for each value v:
    ///     if v is not finite: output v             (NaN/±∞ pass through and do not advance the average)
    ///     else: last = last·w + (1 − w)·v; n = n + 1
    ///           output last / (1 − wⁿ)             (the debias term; 1 when w = 1)
    /// </code>
    /// A constant series is returned unchanged (TensorBoard does the same, to avoid rounding noise on flat lines).
    /// <paramref name="weight"/> w is the slider value in [0, 1]; 0 leaves the values as they are.
    /// </summary>
    public static double[] Ema(IReadOnlyList<double> values, double weight)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (weight is < 0 or > 1 || double.IsNaN(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "The EMA weight must lie in [0, 1].");
        }

        var result = new double[values.Count];
        var constant = values.Count > 0 && values.All(v => v.Equals(values[0]));
        var last = 0.0;
        var accumulated = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (constant || !double.IsFinite(v))
            {
                result[i] = v;
                continue;
            }

            last = last * weight + (1 - weight) * v;
            accumulated++;
            var debias = weight == 1 ? 1 : 1 - Math.Pow(weight, accumulated);
            result[i] = last / debias;
        }

        return result;
    }

    /// <summary>
    /// Gaussian kernel smoothing by point index: <c>s[i] = Σ_j k(i−j)·v[j] / Σ_j k(i−j)</c> with
    /// <c>k(d) = exp(−d² / 2σ²)</c>, the kernel truncated at ±⌈3σ⌉ points and renormalised over the points that exist
    /// (so the ends are not pulled towards zero). Non-finite values are left out of the sums and kept as they are.
    /// σ ≤ 0 returns the values unchanged.
    /// </summary>
    public static double[] Gaussian(IReadOnlyList<double> values, double sigma)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(sigma > 0))
        {
            return [.. values];
        }

        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[radius + 1];
        for (var d = 0; d <= radius; d++)
        {
            kernel[d] = Math.Exp(-(d * d) / (2 * sigma * sigma));
        }

        var result = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                result[i] = values[i];
                continue;
            }

            double sum = 0, weights = 0;
            for (var j = Math.Max(0, i - radius); j <= Math.Min(values.Count - 1, i + radius); j++)
            {
                var v = values[j];
                if (double.IsFinite(v))
                {
                    var k = kernel[Math.Abs(i - j)];
                    sum += k * v;
                    weights += k;
                }
            }

            result[i] = sum / weights;
        }

        return result;
    }

    /// <summary>
    /// Centred running mean: <c>s[i]</c> is the mean of the finite values among points <c>i − h … i + h</c> with
    /// <c>h = ⌊window / 2⌋</c> (an even window is widened by one to stay centred), the window shrinking at the ends.
    /// Non-finite values are kept as they are. A window of 1 or less returns the values unchanged.
    /// </summary>
    public static double[] RunningMean(IReadOnlyList<double> values, int window)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (window <= 1)
        {
            return [.. values];
        }

        var half = window / 2;

        // Prefix sums of finite values and of their count give each window in O(1).
        var sums = new double[values.Count + 1];
        var counts = new int[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            var finite = double.IsFinite(values[i]);
            sums[i + 1] = sums[i] + (finite ? values[i] : 0);
            counts[i + 1] = counts[i] + (finite ? 1 : 0);
        }

        var result = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                result[i] = values[i];
                continue;
            }

            var from = Math.Max(0, i - half);
            var to = Math.Min(values.Count, i + half + 1);
            result[i] = (sums[to] - sums[from]) / (counts[to] - counts[from]);
        }

        return result;
    }
}
