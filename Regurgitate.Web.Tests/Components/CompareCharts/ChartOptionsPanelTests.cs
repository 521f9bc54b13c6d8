using Bunit;
using MudBlazor;
using Regurgitate.Web.Features.Compare;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Comparison.Series;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components.CompareCharts;

public sealed class ChartOptionsPanelTests : DashboardTestContext
{
    private ChartState? raised;

    private IRenderedComponent<ChartOptionsPanel> Render(ChartState state) =>
        Context.Render<ChartOptionsPanel>(p => p
            .Add(c => c.State, state)
            .Add(c => c.GroupFields, ["Condition", "Mixture.RealFraction"])
            .Add(c => c.StateChanged, s => raised = s));

    [Fact]
    public async Task Changing_the_smoothing_kind_resets_its_parameter_to_the_kinds_default()
    {
        var panel = Render(new ChartState { Runs = [1, 2] });

        var select = panel.FindComponent<MudSelect<SmoothingKind>>();
        await panel.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(SmoothingKind.Gaussian));

        Assert.Equal(SmoothingKind.Gaussian, raised!.Smoothing);
        Assert.Equal(5, raised.SmoothingParameter);
        Assert.Equal([1, 2], raised.Runs);
    }

    [Fact]
    public async Task The_ema_weight_is_kept_below_one()
    {
        var panel = Render(new ChartState());

        var field = panel.FindComponent<MudNumericField<double>>();
        await panel.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(1.5));

        Assert.Equal(0.999, raised!.SmoothingParameter);
    }

    [Fact]
    public async Task Metric_axis_group_band_and_skip_are_raised_as_a_new_state()
    {
        var panel = Render(new ChartState());

        await panel.InvokeAsync(() => panel.FindComponents<MudSelect<string>>()[0].Instance.ValueChanged.InvokeAsync(MetricNames.DevBleu));
        Assert.Equal(MetricNames.DevBleu, raised!.Metric);

        await panel.InvokeAsync(() => panel.FindComponent<MudSelect<SeriesAxis>>().Instance.ValueChanged.InvokeAsync(SeriesAxis.TokensSeen));
        Assert.Equal(SeriesAxis.TokensSeen, raised.Axis);

        await panel.InvokeAsync(() => panel.FindComponents<MudSelect<string>>()[1].Instance.ValueChanged.InvokeAsync("Mixture.RealFraction"));
        Assert.Equal("Mixture.RealFraction", raised.GroupBy);

        await panel.InvokeAsync(() => panel.FindComponent<MudSelect<BandKind>>().Instance.ValueChanged.InvokeAsync(BandKind.ConfidenceInterval95));
        Assert.Equal(BandKind.ConfidenceInterval95, raised.Band);

        await panel.InvokeAsync(() => panel.FindComponent<MudNumericField<int>>().Instance.ValueChanged.InvokeAsync(-4));
        Assert.Equal(0, raised.SkipFirst);
    }

    [Fact]
    public void Log_axes_and_raw_curves_are_switches()
    {
        var panel = Render(new ChartState());

        panel.Find("input[data-testid=option-logy]").Change(true);
        Assert.True(raised!.LogY);

        panel.Find("input[data-testid=option-raw]").Change(false);
        Assert.False(raised.ShowRaw);
    }

    [Fact]
    public void The_band_is_only_offered_when_runs_are_grouped_and_the_formula_is_shown()
    {
        var ungrouped = Render(new ChartState());
        Assert.True(ungrouped.FindComponent<MudSelect<BandKind>>().Instance.Disabled);
        Assert.Contains("TensorBoard", ungrouped.Find("[data-testid=option-formula]").TextContent, StringComparison.Ordinal);

        var grouped = Render(new ChartState { GroupBy = "Condition" });
        Assert.False(grouped.FindComponent<MudSelect<BandKind>>().Instance.Disabled);
    }
}
