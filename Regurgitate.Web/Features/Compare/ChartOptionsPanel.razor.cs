using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Comparison;
using Regurgitate.Workbench.Comparison.Series;

namespace Regurgitate.Web.Features.Compare;

/// <summary>
/// The comparison chart's options (metric, x axis, smoothing and its parameter, skip, grouping, band, log axes, raw
/// curves). It holds no state of its own: every change is raised as a new <see cref="ChartState"/>, which the page
/// puts in the address.
/// </summary>
public partial class ChartOptionsPanel
{
    [Parameter, EditorRequired]
    public ChartState State { get; set; } = new();

    [Parameter]
    public EventCallback<ChartState> StateChanged { get; set; }

    /// <summary>Fields runs can be grouped by (config paths and run columns).</summary>
    [Parameter]
    public IReadOnlyList<string> GroupFields { get; set; } = [];

    [Parameter]
    public IReadOnlyList<string> Metrics { get; set; } = ComparisonMetrics.ChartMetrics;

    private double MaxParameter => ChartState.MaxParameter(State.Smoothing);

    private double ParameterStep => State.Smoothing == SmoothingKind.Ema ? 0.05 : 1;

    private string Formula => State.Smoothing switch
    {
        SmoothingKind.Ema => "Debiased EMA as TensorBoard: last = last·w + (1−w)·v; shown last / (1 − wⁿ) after n finite points. Computed on every recorded point, before display thinning.",
        SmoothingKind.Gaussian => "Gaussian kernel over points, σ in points, truncated at ±3σ and renormalised at the ends.",
        SmoothingKind.RunningMean => "Centred running mean over the window, shrinking at the ends.",
        _ => "No smoothing.",
    } + " Display keeps each bucket's minimum and maximum, so spikes stay visible; exports are full resolution.";

    private Task Change(ChartState state) => StateChanged.InvokeAsync(state);

    private Task OnSmoothingChanged(SmoothingKind kind) =>
        Change(State with { Smoothing = kind, SmoothingParameter = ChartState.DefaultParameter(kind) });

    private Task OnParameterChanged(double value)
    {
        var bounded = Math.Clamp(value, 0, ChartState.MaxParameter(State.Smoothing));
        return Change(State with { SmoothingParameter = bounded });
    }
}
