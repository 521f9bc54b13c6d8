namespace Regurgitate.Workbench.Comparison.Series;

/// <summary>A curve as parallel arrays, x ascending.</summary>
public sealed record XYSeries(double[] X, double[] Y)
{
    public int Count => X.Length;
}
