using Plotly.Blazor.LayoutLib;

namespace Regurgitate.Web.Features.Charts;

/// <summary>
/// A plain, paper-ready look: white background in light mode, titled axes, thin grid, no toolbar. Tick labels may
/// overflow: Plotly's default for linear axes ("hide past div") measures every tick label's box after drawing, each a
/// forced layout, which was about an eighth of the comparison chart's first draw (issue 20); the margins leave room
/// for the labels anyway.
/// </summary>
public static class ChartStyle
{
    public static Plotly.Blazor.Layout CreateLayout(string title, string yAxisTitle, bool dark)
    {
        var layout = new Plotly.Blazor.Layout
        {
            Title = new Title { Text = title, X = 0.02m },
            XAxis = [new XAxis { Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "Step" }, ZeroLine = false, ShowLine = true, Ticks = Plotly.Blazor.LayoutLib.XAxisLib.TicksEnum.Outside, TickLabelOverflow = Plotly.Blazor.LayoutLib.XAxisLib.TickLabelOverflowEnum.Allow }],
            YAxis = [new YAxis { Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = yAxisTitle }, ZeroLine = false, ShowLine = true, Ticks = Plotly.Blazor.LayoutLib.YAxisLib.TicksEnum.Outside, TickLabelOverflow = Plotly.Blazor.LayoutLib.YAxisLib.TickLabelOverflowEnum.Allow }],
            Margin = new Margin { L = 64, R = 16, T = 56, B = 48 },
            Legend = [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 1, XAnchor = Plotly.Blazor.LayoutLib.LegendLib.XAnchorEnum.Right, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom, BgColor = "rgba(0,0,0,0)" }],
            Font = new Font { Family = "Roboto, Helvetica, Arial, sans-serif", Size = 13 },
            HoverMode = HoverModeEnum.X,
            Height = 300,
        };
        ApplyTheme(layout, dark);
        return layout;
    }

    public static void ApplyTheme(Plotly.Blazor.Layout layout, bool dark)
    {
        var foreground = dark ? "#e0e0e0" : "#222222";
        var grid = dark ? "#3a3f47" : "#e6e6e6";
        layout.PaperBgColor = dark ? "rgba(0,0,0,0)" : "#ffffff";
        layout.PlotBgColor = dark ? "rgba(0,0,0,0)" : "#ffffff";
        layout.Font.Color = foreground;
        foreach (var axis in layout.XAxis)
        {
            axis.GridColor = grid;
            axis.LineColor = foreground;
        }

        foreach (var axis in layout.YAxis)
        {
            axis.GridColor = grid;
            axis.LineColor = foreground;
        }
    }
}
