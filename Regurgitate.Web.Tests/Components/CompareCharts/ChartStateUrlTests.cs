using Regurgitate.Web.Features.Compare;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

public sealed class ChartStateUrlTests
{
    [Fact]
    public void Every_option_round_trips_through_the_address()
    {
        var state = new ChartState
        {
            Runs = [4, 2, 9],
            Metric = MetricNames.DevBleu,
            Axis = SeriesAxis.SyntheticExamplesSeen,
            Smoothing = SmoothingKind.RunningMean,
            SmoothingParameter = 21,
            GroupBy = "Mixture.RealFraction",
            Band = BandKind.ConfidenceInterval95,
            LogX = true,
            LogY = true,
            SkipFirst = 50,
            ShowRaw = false,
        };

        var url = ChartStateUrl.Build(state);

        Assert.Equal(state, ChartStateUrl.Parse("http://127.0.0.1:5080" + url));
        Assert.Contains("group=Mixture.RealFraction", url, StringComparison.Ordinal);
        Assert.Contains("band=ci95", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_left_out_and_garbage_falls_back_to_them()
    {
        Assert.Equal("/compare/charts?runs=1", ChartStateUrl.Build(new ChartState { Runs = [1] }));

        var parsed = ChartStateUrl.Parse("/compare/charts?runs=1,x,1,-3&x=sideways&smooth=ema&sp=7&band=wide&skip=-2&logx=yes");

        Assert.Equal([1], parsed.Runs);
        Assert.Equal(SeriesAxis.Step, parsed.Axis);
        Assert.Equal(0.999, parsed.SmoothingParameter);
        Assert.Equal(BandKind.StandardDeviation, parsed.Band);
        Assert.Equal(0, parsed.SkipFirst);
        Assert.False(parsed.LogX);
    }
}
