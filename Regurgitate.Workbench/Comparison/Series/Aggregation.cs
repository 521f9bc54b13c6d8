namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>
/// Folds the curves of a group of runs (e.g. the seeds of one condition) into a mean with a band.
/// <para>
/// The common x grid: when every curve has the same x values (the usual case on the step axis) those are used as they
/// are. Otherwise the grid is the x values of the longest curve within the range all curves cover (the largest first
/// x to the smallest last x), and every other curve is linearly interpolated onto it; nothing is extrapolated. Points
/// where a curve is not finite leave that curve out of that point (<see cref="AggregatedSeries.Count"/> says how many
/// remained).
/// </para>
/// </summary>
public static class Aggregation
{
    public static AggregatedSeries Aggregate(IReadOnlyList<XYSeries> curves, BandKind band)
    {
        ArgumentNullException.ThrowIfNull(curves);
        var usable = curves.Where(c => c.Count > 0).ToList();
        if (usable.Count == 0)
        {
            return new AggregatedSeries([], [], [], [], []);
        }

        var (grid, columns) = OnCommonGrid(usable);
        var mean = new double[grid.Length];
        var lower = new double[grid.Length];
        var upper = new double[grid.Length];
        var count = new int[grid.Length];
        var values = new List<double>(columns.Count);
        for (var i = 0; i < grid.Length; i++)
        {
            values.Clear();
            foreach (var column in columns)
            {
                if (double.IsFinite(column[i]))
                {
                    values.Add(column[i]);
                }
            }

            count[i] = values.Count;
            if (values.Count == 0)
            {
                mean[i] = lower[i] = upper[i] = double.NaN;
                continue;
            }

            var m = values.Average();
            mean[i] = m;
            (lower[i], upper[i]) = Band(values, m, band);
        }

        return new AggregatedSeries(grid, mean, lower, upper, count);
    }

    /// <summary>The band's lower and upper edge around mean <paramref name="mean"/> of <paramref name="values"/>.</summary>
    public static (double Lower, double Upper) Band(IReadOnlyList<double> values, double mean, BandKind band)
    {
        ArgumentNullException.ThrowIfNull(values);
        var n = values.Count;
        if (band == BandKind.MinMax)
        {
            return (values.Min(), values.Max());
        }

        if (band == BandKind.None || n < 2)
        {
            return (mean, mean);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = band switch
        {
            BandKind.StandardDeviation => sd,
            BandKind.StandardError => sd / Math.Sqrt(n),
            BandKind.ConfidenceInterval95 => StudentT.Quantile975(n - 1) * sd / Math.Sqrt(n),
            _ => 0,
        };
        return (mean - half, mean + half);
    }

    private static (double[] Grid, List<double[]> Columns) OnCommonGrid(List<XYSeries> curves)
    {
        var first = curves[0].X;
        if (curves.All(c => c.X.AsSpan().SequenceEqual(first)))
        {
            return (first, curves.Select(c => c.Y).ToList());
        }

        var from = curves.Max(c => c.X[0]);
        var to = curves.Min(c => c.X[^1]);
        var longest = curves.MaxBy(c => c.Count)!;
        var grid = longest.X.Where(x => x >= from && x <= to).ToArray();
        return (grid, curves.Select(c => Interpolate(c, grid)).ToList());
    }

    /// <summary>The curve's y at each grid x by linear interpolation between its neighbouring points (x ascending).</summary>
    public static double[] Interpolate(XYSeries curve, IReadOnlyList<double> grid)
    {
        ArgumentNullException.ThrowIfNull(curve);
        ArgumentNullException.ThrowIfNull(grid);
        var result = new double[grid.Count];
        var j = 0;
        for (var i = 0; i < grid.Count; i++)
        {
            var x = grid[i];
            while (j + 1 < curve.Count && curve.X[j + 1] < x)
            {
                j++;
            }

            if (x < curve.X[0] || x > curve.X[^1])
            {
                result[i] = double.NaN;
            }
            else if (curve.X[j] == x || j + 1 >= curve.Count)
            {
                result[i] = curve.Y[j];
            }
            else
            {
                var (x0, x1) = (curve.X[j], curve.X[j + 1]);
                var t = x1 == x0 ? 0 : (x - x0) / (x1 - x0);
                result[i] = curve.Y[j] + t * (curve.Y[j + 1] - curve.Y[j]);
            }
        }

        return result;
    }
}
