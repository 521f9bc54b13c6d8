using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Workbench.Tests.Comparison.Series;

public sealed class AggregationTests
{
    private static readonly XYSeries A = new([1, 2, 3], [1, 2, 3]);
    private static readonly XYSeries B = new([1, 2, 3], [3, 4, 5]);

    [Theory]
    [InlineData(BandKind.StandardDeviation, 1.4142135623730951)]
    [InlineData(BandKind.StandardError, 1.0)]
    [InlineData(BandKind.ConfidenceInterval95, 12.706)]
    [InlineData(BandKind.None, 0.0)]
    public void Symmetric_bands_around_the_mean_of_two_runs(BandKind band, double half)
    {
        var result = Aggregation.Aggregate([A, B], band);

        Assert.Equal([2.0, 3.0, 4.0], result.Mean);
        Assert.Equal([1.0, 2.0, 3.0], result.X);
        Assert.Equal([2, 2, 2], result.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(result.Mean[i] - half, result.Lower[i], 9);
            Assert.Equal(result.Mean[i] + half, result.Upper[i], 9);
        }
    }

    [Fact]
    public void Min_max_band_spans_the_runs()
    {
        var result = Aggregation.Aggregate([A, B, new XYSeries([1, 2, 3], [2, 2, 2])], BandKind.MinMax);

        Assert.Equal([1.0, 2.0, 2.0], result.Lower);
        Assert.Equal([3.0, 4.0, 5.0], result.Upper);
    }

    [Fact]
    public void Confidence_interval_uses_t_with_n_minus_one_degrees_of_freedom()
    {
        double[] values = [1, 2, 3, 4, 5];
        var (lower, upper) = Aggregation.Band(values, 3, BandKind.ConfidenceInterval95);
        var half = 2.776 * Math.Sqrt(2.5) / Math.Sqrt(5);

        Assert.Equal(3 - half, lower, 12);
        Assert.Equal(3 + half, upper, 12);
    }

    [Fact]
    public void Different_x_values_are_interpolated_onto_the_common_range()
    {
        var first = new XYSeries([0, 2, 4], [0, 2, 4]);
        var second = new XYSeries([1, 3, 5], [10, 30, 50]);

        var result = Aggregation.Aggregate([first, second], BandKind.None);

        // Grid: the first curve's x within [1, 4]; the second is interpolated at 2 (20) and 4 (40).
        Assert.Equal([2.0, 4.0], result.X);
        Assert.Equal([11.0, 22.0], result.Mean);
    }

    [Fact]
    public void Non_finite_values_leave_their_run_out_of_that_point()
    {
        var result = Aggregation.Aggregate([A, new XYSeries([1, 2, 3], [double.NaN, 4, 5])], BandKind.StandardDeviation);

        Assert.Equal(1, result.Count[0]);
        Assert.Equal(1.0, result.Mean[0]);
        Assert.Equal(1.0, result.Lower[0]);
    }

    [Theory]
    [InlineData(1, 12.706)]
    [InlineData(2, 4.303)]
    [InlineData(30, 2.042)]
    [InlineData(40, 2.021)]
    [InlineData(100, 1.984)]
    [InlineData(100000, 1.960)]
    public void T_quantile_matches_tables(int df, double expected)
    {
        Assert.Equal(expected, StudentT.Quantile975(df), 3);
    }
}
