using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Tables;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// Test BLEU against training size, one line per data condition: the mean over seeds with markers, and a shaded band
/// (± one standard deviation, or min–max) drawn as a lower edge plus an upper edge filled down to it. The chart is
/// redrawn with Plotly's react only when the curves or the options actually change, so polling costs nothing on screen.
/// </summary>
public partial class LearningCurveChart : ReactOnChangeChartBase
{
    private const int LineWidth = 2;

    private string latex = string.Empty;
    private string markdown = string.Empty;

    public LearningCurveChart()
        : base("curve")
    {
    }

    [Parameter, EditorRequired]
    public IReadOnlyList<LearningCurveSeries> Series { get; set; } = [];

    /// <summary>Every condition of the experiment in grid order, so that colours do not move as conditions appear.</summary>
    [Parameter]
    public IReadOnlyList<string> ConditionOrder { get; set; } = [];

    [Parameter]
    public BandMode Band { get; set; } = BandMode.Std;

    /// <summary>Training sizes on a log scale (ticks at the sizes, so doubling sizes are evenly spaced).</summary>
    [Parameter]
    public bool LogX { get; set; } = true;

    [Parameter]
    public string YAxisTitle { get; set; } = "Test BLEU";

    /// <summary>
    /// A fine-tuning experiment's pretrained model scored before any fine-tuning (the size-0 point of every condition),
    /// drawn as a dotted horizontal line because a log-scale axis cannot place size 0; null draws none.
    /// </summary>
    [Parameter]
    public double? PretrainedScore { get; set; }

    /// <summary>The experiment's seeds, for the exported figure's caption.</summary>
    [Parameter]
    public IReadOnlyList<int> Seeds { get; set; } = [];

    /// <summary>The experiment's name, for the exported files' names.</summary>
    [Parameter]
    public string? ExperimentName { get; set; }

    /// <summary>Signature of the plotted metric, for the exported figure's caption.</summary>
    [Parameter]
    public string? MetricSignature { get; set; }

    /// <summary>
    /// The traces of <paramref name="series"/>, per condition the band's lower and upper edges, then the mean: each
    /// condition in its own colour, marker and dash
    /// (<see cref="ConditionStyles"/>), drawn slightly apart along x so that equal values stay visible; the hover text
    /// gives the true training size.
    /// </summary>
    public static IReadOnlyList<Scatter> BuildTraces(IReadOnlyList<LearningCurveSeries> series, IReadOnlyList<string> order, BandMode band, bool dark, bool logX = true)
    {
        ArgumentNullException.ThrowIfNull(series);
        var traces = new List<Scatter>();
        var fullOrder = order.Concat(series.Select(s => s.Condition)).Distinct().ToList();
        var drawn = series.Select(s => s.Condition).ToList();
        var allX = series.SelectMany(s => s.Points).Select(p => (double)p.Size).ToList();
        foreach (var curve in series)
        {
            var color = ConditionPalette.ColorOf(curve.Condition, fullOrder, dark);
            var offset = ConditionStyles.OffsetOf(curve.Condition, drawn, fullOrder);
            var xs = ConditionPalette.OffsetX([.. curve.Points.Select(p => (double)p.Size)], allX, offset, logX).Select(x => (object)x).ToList();
            if (band != BandMode.None)
            {
                var (low, high) = band == BandMode.Std
                    ? (curve.Points.Select(p => (object)(p.Mean - p.StandardDeviation)).ToList(), curve.Points.Select(p => (object)(p.Mean + p.StandardDeviation)).ToList())
                    : (curve.Points.Select(p => (object)p.Min).ToList(), curve.Points.Select(p => (object)p.Max).ToList());
                traces.Add(new Scatter
                {
                    Name = $"{curve.Condition} (low)",
                    LegendGroup = curve.Condition,
                    ShowLegend = false,
                    Mode = ModeFlag.Lines,
                    Line = new Line { Width = 0, Color = color },
                    HoverInfo = HoverInfoFlag.Skip,
                    X = xs,
                    Y = low,
                });
                traces.Add(new Scatter
                {
                    Name = $"{curve.Condition} ({(band == BandMode.Std ? "±1 sd" : "min–max")})",
                    LegendGroup = curve.Condition,
                    ShowLegend = false,
                    Mode = ModeFlag.Lines,
                    Line = new Line { Width = 0, Color = color },
                    Fill = FillEnum.ToNextY,
                    FillColor = ConditionPalette.Translucent(color, dark ? 0.25 : 0.18),
                    HoverInfo = HoverInfoFlag.Skip,
                    X = xs,
                    Y = high,
                });
            }

            traces.Add(new Scatter
            {
                Name = curve.Condition,
                LegendGroup = curve.Condition,
                Mode = ModeFlag.Lines | ModeFlag.Markers,
                Line = new Line { Color = color, Width = LineWidth, Dash = ConditionPalette.PlotlyDashOf(curve.Condition, fullOrder, LineWidth) },
                Marker = new Marker { Color = color, Size = 7, Symbol = ConditionPalette.PlotlySymbolOf(curve.Condition, fullOrder) },
                X = xs,
                Y = curve.Points.Select(p => (object)p.Mean).ToList(),
                TextArray = curve.Points.Select(HoverText).ToList(),
                HoverTemplate = "%{fullData.name}: %{y:" + ScoreText.PlotlyFormat + "}<br>%{text}<extra></extra>",
            });
        }

        return traces;
    }

    private static string HoverText(LearningCurvePoint p) => p.Seeds == 1
        ? $"{p.Size.ToString("N0", CultureInfo.InvariantCulture)} pairs, one seed"
        : $"{p.Size.ToString("N0", CultureInfo.InvariantCulture)} pairs, {p.Seeds} seeds, sd {ScoreText.Format(p.StandardDeviation)}, range {ScoreText.Format(p.Min)}–{ScoreText.Format(p.Max)}";

    protected override Plotly.Blazor.Layout CreateLayout()
    {
        var layout = ChartStyle.CreateLayout("Learning curve", YAxisTitle, DarkMode);
        layout.Height = 420;
        layout.HoverMode = HoverModeEnum.Closest;
        return layout;
    }

    /// <summary>What the export dialog receives: the curves as shown (band, scale), with seeds and signature in the caption.</summary>
    public override Charts.Figures.FigureSpec ToFigure() => LearningCurveFigure.Build(Series, ConditionOrder, Band, LogX, YAxisTitle, Seeds, MetricSignature, ExperimentName, PretrainedScore);

    /// <summary>Name of the table downloads without extension: the experiment and the metric.</summary>
    public string TableFileName => Charts.Figures.FigureFileName.Of(string.IsNullOrWhiteSpace(ExperimentName) ? "learning-curve" : ExperimentName, YAxisTitle);

    private static string TextUrl(string text) => "data:text/plain;charset=utf-8," + Uri.EscapeDataString(text);

    protected override string Signature() => string.Join(
        "|",
        Series.Select(s => s.Condition + ":" + string.Join(";", s.Points.Select(p => FormattableString.Invariant($"{p.Size},{p.Mean},{p.StandardDeviation},{p.Min},{p.Max},{p.Seeds}")))))
        + FormattableString.Invariant($"#{Band}#{LogX}#{DarkMode}#{string.Join(",", ConditionOrder)}#{PretrainedScore}");

    protected override IEnumerable<ITrace> CurrentTraces() => BuildTraces(Series, ConditionOrder, Band, DarkMode, LogX);

    protected override void Rebuild()
    {
        base.Rebuild();
        latex = LearningCurveTableText.Latex(Series, YAxisTitle);
        markdown = LearningCurveTableText.Markdown(Series, YAxisTitle);
        var sizes = Series.SelectMany(s => s.Points).Select(p => p.Size).Distinct().Order().ToList();
        var x = Layout.XAxis[0];
        x.Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = LogX ? "Training pairs (log scale)" : "Training pairs" };
        x.Type = LogX ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        x.TickMode = sizes.Count > 0 ? Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Array : Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Auto;
        x.TickVals = [.. sizes.Cast<object>()];
        x.TickText = [.. sizes.Select(s => (object)s.ToString("N0", CultureInfo.InvariantCulture))];
        Layout.Shapes = PretrainedScore is { } score ? [PretrainedLine(score, DarkMode)] : [];
    }

    /// <summary>The pretrained model's score across the whole width, labelled at its right end.</summary>
    public static Shape PretrainedLine(double score, bool dark) => new()
    {
        Type = Plotly.Blazor.LayoutLib.ShapeLib.TypeEnum.Line,
        XRef = "paper",
        X0 = 0,
        X1 = 1,
        YRef = "y",
        Y0 = score,
        Y1 = score,
        Line = new Plotly.Blazor.LayoutLib.ShapeLib.Line { Color = dark ? "#bdbdbd" : "#616161", Width = 1.5m, Dash = "dot" },
        Label = new Plotly.Blazor.LayoutLib.ShapeLib.Label
        {
            Text = $"pretrained, before fine-tuning: {ScoreText.Format(score)}",
            TextPosition = Plotly.Blazor.LayoutLib.ShapeLib.LabelLib.TextPositionEnum.End,
        },
    };
}
