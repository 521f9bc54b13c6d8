namespace Regurgitate.Engine.Analysis;

/// <summary>Zipf's law: the rank–frequency slope of the most frequent types and the points to plot it.</summary>
internal static class ZipfMeasure
{
    public static (double Slope, int Ranks, ZipfPoint[] Points) Of(int[] ids, int types, int topRanks)
    {
        var frequencies = TokenIds.Frequencies(ids, types);
        Array.Sort(frequencies, static (a, b) => b.CompareTo(a));
        var ranks = Math.Min(topRanks, types);
        var points = PointsOf(frequencies, ranks);
        if (ranks < 2)
        {
            return (double.NaN, ranks, points);
        }

        var x = new double[ranks];
        var y = new double[ranks];
        for (var r = 0; r < ranks; r++)
        {
            x[r] = Math.Log10(r + 1);
            y[r] = Math.Log10(frequencies[r]);
        }

        return (LeastSquares.Slope(x, y), ranks, points);
    }

    /// <summary>Points at ranks round(ranks^(k/(P−1))), k = 0..P−1, duplicates dropped: even steps on a log axis.</summary>
    private static ZipfPoint[] PointsOf(int[] sortedFrequencies, int ranks)
    {
        const int plotPoints = LexicalDiversity.ZipfPlotPoints;
        var points = new List<ZipfPoint>(Math.Min(ranks, plotPoints));
        if (ranks <= plotPoints)
        {
            for (var r = 1; r <= ranks; r++)
            {
                points.Add(new ZipfPoint(r, sortedFrequencies[r - 1]));
            }

            return [.. points];
        }

        var logMax = Math.Log(ranks);
        for (var k = 0; k < plotPoints; k++)
        {
            var rank = k == plotPoints - 1 ? ranks : (int)Math.Round(Math.Exp(logMax * k / (plotPoints - 1)));
            if (points.Count == 0 || points[^1].Rank < rank)
            {
                points.Add(new ZipfPoint(rank, sortedFrequencies[rank - 1]));
            }
        }

        return [.. points];
    }
}
