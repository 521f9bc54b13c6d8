using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;
using Regurgitate.Web.Features.Charts;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The model-collapse curve of an iterated-generations design: test BLEU against generation, one line per policy
/// (<see cref="GenerationCurveFigure.Lines"/>), with ± one sd error bars, integer ticks and 0 labelled "real". Error
/// bars rather than the learning curve's band, because nothing lies between two generations. Redrawn with Plotly's
/// react only when the points change, as <see cref="LearningCurveChart"/> is.
/// </summary>
public partial class GenerationCurveChart : ReactOnChangeChartBase
{
    private const int LineWidth = 2;

    public GenerationCurveChart()
        : base("generations")
    {
    }

    [Parameter, EditorRequired]
    public IReadOnlyList<GenerationCurvePoint> Points { get; set; } = [];

    /// <summary>The experiment's seeds, for the exported figure's caption.</summary>
    [Parameter]
    public IReadOnlyList<int> Seeds { get; set; } = [];

    /// <summary>The experiment's name, for the exported files' names.</summary>
    [Parameter]
    public string? ExperimentName { get; set; }

    /// <summary>Signature of test BLEU, for the exported figure's caption.</summary>
    [Parameter]
    public string? MetricSignature { get; set; }

    /// <summary>One trace per line, in the figure's colours, with error bars only at points of two or more seeds.</summary>
    public static IReadOnlyList<Scatter> BuildTraces(IReadOnlyList<GenerationCurvePoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var span = Math.Max(1, points.Count == 0 ? 1 : points.Max(p => p.Generation)) + 1.0;
        return
        [
            .. GenerationCurveFigure.Lines(points).Select(line =>
            {
                var color = FigureColors.Color(FigurePalette.OkabeIto, line.Slot);
                return new Scatter
                {
                    Name = line.Name,
                    Mode = ModeFlag.Lines | ModeFlag.Markers,
                    Line = new Line { Color = color, Width = LineWidth },
                    Marker = new Marker { Color = color, Size = 8 },
                    // The figure's shift is a fraction of the plot's width; the axis spans the generations plus one.
                    X = [.. line.Points.Select(p => (object)(p.Generation + (line.XShift * span)))],
                    Y = [.. line.Points.Select(p => (object)p.Mean)],
                    ErrorY = new ErrorY
                    {
                        Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data,
                        Array = [.. line.Points.Select(p => (object)(p.Seeds > 1 ? p.StandardDeviation : 0.0))],
                        Visible = true,
                        Color = color,
                        Thickness = 1.5m,
                        Width = 4,
                    },
                    TextArray = [.. line.Points.Select(GenerationCurveFigure.HoverText)],
                    HoverTemplate = "%{fullData.name}<br>%{text}<extra></extra>",
                };
            }),
        ];
    }

    protected override Plotly.Blazor.Layout CreateLayout()
    {
        var layout = ChartStyle.CreateLayout("BLEU by generation", "Test BLEU", DarkMode);
        layout.Height = 380;
        layout.HoverMode = HoverModeEnum.Closest;
        return layout;
    }

    /// <summary>What the export dialog receives.</summary>
    public override FigureSpec ToFigure() => GenerationCurveFigure.Build(Points, Seeds, MetricSignature, ExperimentName);

    protected override string Signature() => string.Join(
        "|",
        Points.Select(p => FormattableString.Invariant($"{p.Policy},{p.Size},{p.Generation},{p.Condition},{p.Mean},{p.StandardDeviation},{p.Seeds}")))
        + FormattableString.Invariant($"#{DarkMode}");

    protected override IEnumerable<ITrace> CurrentTraces() => BuildTraces(Points);

    protected override void Rebuild()
    {
        base.Rebuild();
        var ticks = GenerationCurveFigure.Ticks(Points);
        var x = Layout.XAxis[0];
        x.Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "Generation" };
        x.Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear;
        x.TickMode = Plotly.Blazor.LayoutLib.XAxisLib.TickModeEnum.Array;
        x.TickVals = [.. ticks.Select(t => (object)t.Key)];
        x.TickText = [.. ticks.Select(t => (object)t.Value)];
        x.Range = [-0.5, ticks[^1].Key + 0.5];
    }
}
