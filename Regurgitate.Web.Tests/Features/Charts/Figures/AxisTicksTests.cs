using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class AxisTicksTests
{
    [Theory]
    [InlineData(0.0, 0.93, 5, 0.2)]
    [InlineData(0.0, 100.0, 5, 20.0)]
    [InlineData(0.0, 100.0, 4, 25.0)]
    [InlineData(2.2, 8.7, 7, 1.0)]
    [InlineData(2.2, 8.7, 6, 2.0)]
    [InlineData(0.0, 60.0, 10, 10.0)]
    public void Linear_steps_are_1_2_2_5_or_5_times_a_power_of_ten(double min, double max, int intervals, double expected) =>
        Assert.Equal(expected, AxisTicks.LinearStep(min, max, intervals), 12);

    [Fact]
    public void A_fitted_linear_range_ends_on_ticks_without_drift()
    {
        var range = AxisTicks.FitLinear(0.03, 0.93, 5);
        var ticks = AxisTicks.Linear(range, 5);

        Assert.Equal(new AxisRange(0, 1), range);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], ticks);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], AxisTicks.Labels(ticks, log: false));
    }

    [Fact]
    public void Linear_labels_have_thousands_separators_and_a_typographic_minus()
    {
        Assert.Equal(["–5,000", "0", "5,000", "10,000"], AxisTicks.Labels([-5000, 0, 5000, 10000], log: false));
        Assert.Equal(["0.0", "2.5", "5.0"], AxisTicks.Labels([0, 2.5, 5], log: false));
    }

    [Fact]
    public void A_flat_series_gets_a_range_around_its_value()
    {
        var range = AxisTicks.FitLinear(5, 5, 5);
        Assert.True(range.Min < 5 && range.Max > 5);
    }

    [Fact]
    public void A_log_axis_over_several_decades_labels_the_decades_and_marks_the_rest_as_minor()
    {
        var (major, minor) = AxisTicks.Log(new AxisRange(1, 10_000));

        Assert.Equal([1, 10, 100, 1000, 10000], major);
        Assert.Equal(32, minor.Count);
        Assert.Equal(["1", "10", "100", "1,000", "10,000"], AxisTicks.Labels(major, log: true));
    }

    [Fact]
    public void A_log_axis_under_two_decades_also_labels_2_and_5()
    {
        var range = AxisTicks.FitLog(1000, 16000);
        var (major, _) = AxisTicks.Log(range);

        Assert.True(range.Min < 1000 && range.Max > 16000);
        Assert.Equal([1000, 2000, 5000, 10000], major);
    }

    [Fact]
    public void A_log_axis_within_one_decade_labels_every_integer_multiple()
    {
        var (major, minor) = AxisTicks.Log(new AxisRange(5.5, 28));

        Assert.Equal([6, 7, 8, 9, 10, 20], major);
        Assert.Empty(minor);
    }

    [Fact]
    public void Extreme_log_labels_use_exponents() =>
        Assert.Equal(["1e-5", "0.001", "1e7"], AxisTicks.Labels([1e-5, 1e-3, 1e7], log: true));
}
