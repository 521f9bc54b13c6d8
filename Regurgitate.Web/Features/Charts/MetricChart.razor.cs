using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// A live line chart of some of a run's curves. The history is drawn once; later points are appended with Plotly's
/// extendTraces, so a long run never redraws (or re-sends) its whole history.
/// </summary>
public partial class MetricChart : PlotlyChartBase
{
    private readonly List<MetricSample> pending = [];
    private bool flushing;
    private bool renderedDark;

    public MetricChart()
        : base("chart", Plotly.Blazor.ConfigLib.DisplayModeBarEnum.False)
    {
    }

    [Parameter, EditorRequired]
    public string Title { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public string YAxisTitle { get; set; } = string.Empty;

    [Parameter, EditorRequired]
    public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>Points already recorded when the chart appears; read once.</summary>
    [Parameter]
    public IReadOnlyList<MetricSample> InitialPoints { get; set; } = [];

    [Parameter]
    public string? TestId { get; set; }

    /// <summary>Caption of the exported paper figure (see <see cref="Figures.CaptionText"/>).</summary>
    [Parameter]
    public string? Caption { get; set; }

    /// <summary>File name of the exported figure without extension.</summary>
    [Parameter]
    public string? FileName { get; set; }

    /// <summary>d3 format of the values on hover, e.g. <see cref="Workbench.Tables.ScoreText.PlotlyFormat"/> for BLEU and chrF; null for Plotly's own.</summary>
    [Parameter]
    public string? ValueFormat { get; set; }

    /// <summary>How many points the chart holds (history plus appended), e.g. for tests and empty-state checks.</summary>
    public int PointCount => Data.Sum(t => ((Scatter)t).X?.Count ?? 0);

    protected override void OnInitialized()
    {
        renderedDark = DarkMode;
        Layout = ChartStyle.CreateLayout(Title, YAxisTitle, renderedDark);
        Layout.YAxis[0].HoverFormat = ValueFormat;
        Data.AddRange(Series.Select(s => (ITrace)new Scatter
        {
            Name = s.Label,
            Mode = s.Markers ? ModeFlag.Lines | ModeFlag.Markers : ModeFlag.Lines,
            Line = new Line { Color = s.Color, Width = 2 },
            Marker = new Marker { Color = s.Color, Size = 4 },
            X = InitialPoints.Where(p => p.Name == s.MetricName).Select(p => (object)p.Step).ToList(),
            Y = InitialPoints.Where(p => p.Name == s.MetricName).Select(p => (object)p.Value).ToList(),
        }));
    }

    protected override async Task OnParametersSetAsync()
    {
        if (PlotReady && Chart is not null && DarkMode != renderedDark)
        {
            renderedDark = DarkMode;
            ChartStyle.ApplyTheme(Layout, renderedDark);
            await Chart.Relayout();
        }
    }

    /// <summary>The chart as a paper figure: every point drawn so far, history and appended.</summary>
    public override Figures.FigureSpec ToFigure() =>
        FigureSpecs.FromTraces(Data, title: null, "Step", YAxisTitle, FileName ?? "figure", caption: Caption);

    /// <summary>Appends the points that belong to this chart's series; points of other curves are ignored.</summary>
    public async Task AppendAsync(IReadOnlyList<MetricSample> points)
    {
        pending.AddRange(points.Where(p => Series.Any(s => s.MetricName == p.Name)));
        if (PlotReady)
        {
            await FlushAsync();
        }
    }

    // Points that arrive while the first plot is being drawn wait here; the plot exists once this callback runs.
    protected override void OnPlotReady()
    {
        base.OnPlotReady();
        _ = InvokeAsync(FlushAsync);
    }

    // One extendTraces call in flight per chart: points that arrive while the browser draws wait in `pending` and go
    // in the next call, so a browser slower than the runs gets fewer, larger updates instead of a growing backlog.
    private async Task FlushAsync()
    {
        if (flushing || Chart is null)
        {
            return;
        }

        flushing = true;
        try
        {
            while (pending.Count > 0)
            {
                var indices = new List<int>();
                var xs = new List<IEnumerable<object>>();
                var ys = new List<IEnumerable<object>>();
                for (var i = 0; i < Series.Count; i++)
                {
                    var points = pending.Where(p => p.Name == Series[i].MetricName).ToList();
                    if (points.Count > 0)
                    {
                        indices.Add(i);
                        xs.Add(points.Select(p => (object)p.Step).ToList());
                        ys.Add(points.Select(p => (object)p.Value).ToList());
                    }
                }

                pending.Clear();
                if (indices.Count > 0)
                {
                    await Chart.ExtendTraces(xs, ys, indices);
                }
            }
        }
        finally
        {
            flushing = false;
        }
    }
}
