namespace Regurgitate.Engine.Analysis;

/// <summary>Ordinary least-squares fit shared by the Heaps and Zipf exponents.</summary>
internal static class LeastSquares
{
    /// <summary>Slope of y on x; NaN when x does not vary.</summary>
    public static double Slope(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }

        return sxx == 0 ? double.NaN : sxy / sxx;
    }
}
