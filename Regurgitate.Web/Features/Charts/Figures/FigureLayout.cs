

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// Lays a figure out on its page. Every length derives from the font size f and the line width, and text is measured
/// with the fonts' AFM widths, so the layout is deterministic and identical for every output format:
/// <list type="bullet">
/// <item>pad = 0.4 f, tick length = 0.35 f (outside the plot);</item>
/// <item>left margin = pad + f (rotated y label) + pad + widest y tick label + pad + tick length;</item>
/// <item>bottom margin = tick length + pad + f (tick labels) + pad + f (x label) + pad, plus the legend rows when it is below;</item>
/// <item>top margin = pad + half a tick label, plus 1.15 f + pad for a title; right margin = pad + half the last x label, or
/// the legend's width + 2 pad when it is outside right;</item>
/// <item>at most one y interval per 3 f of plot height and as many x ticks as fit their labels with 1.5 f between.</item>
/// </list>
/// This class fixes the margins and draws grid, axes and titles; <see cref="FigureAxes"/> fits the ranges and ticks,
/// <see cref="FigureSeriesDrawing"/> draws the data and <see cref="FigureLegend"/> the legend.
/// </summary>
public static class FigureLayout
{
    private const string Ink = "#000000";
    private const string GridColor = "#E6E6E6";

    public static FigureDrawing Build(FigureSpec spec, FigureStyle style)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(style);
        var errors = style.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(style));
        }

        var f = style.FontSize;
        var font = style.Font;
        var cap = FontMetrics.CapHeight(font) * f;
        var descent = FontMetrics.Descent(font) * f;
        var pad = 0.4 * f;
        var tick = 0.35 * f;
        var width = style.WidthPoints;
        var height = style.HeightPoints;
        var lineWidth = style.LineWidth;
        var axisWidth = Math.Max(0.5, 0.6 * lineWidth);

        var styles = SeriesStyles(spec.Series);
        var legend = style.Legend == LegendPosition.None ? [] : FigureLegend.Entries(spec.Series, styles);
        var sample = 2.2 * f;
        var entryWidths = legend.Select(e => sample + (0.4 * f) + FontMetrics.Width(e.Name, font, f)).ToList();
        var rowHeight = 1.25 * f;

        // Vertical margins first: they fix the plot height, which fixes the y ticks, whose labels fix the left margin.
        var hasTitle = !string.IsNullOrWhiteSpace(spec.Title);
        var top = pad + (cap / 2) + (hasTitle ? (1.15 * f) + pad : 0);
        var bottom = tick + pad + cap + descent + pad + cap + descent + pad;
        var belowRows = new List<List<int>>();
        if (style.Legend == LegendPosition.Below && legend.Count > 0)
        {
            belowRows = FigureLegend.FlowRows(entryWidths, width - (2 * pad), 1.2 * f);
            bottom += belowRows.Count * rowHeight;
        }

        var plotHeight = Math.Max(4 * f, height - top - bottom);
        var yData = FigureAxes.DataRange(spec.Series, s => s.Y, s => s.Lower, s => s.Upper, spec.LogY);
        var yIntervals = Math.Clamp((int)Math.Floor(plotHeight / (3 * f)), 2, 10);
        var (yRange, yMajor, yMinor) = FigureAxes.Fit(spec.YRange, yData, spec.LogY, yIntervals);
        var yLabels = AxisTicks.Labels(yMajor, spec.LogY);
        var yLabelWidth = yLabels.Count == 0 ? 0 : yLabels.Max(l => FontMetrics.Width(l, font, f));
        var left = pad + (string.IsNullOrWhiteSpace(spec.YLabel) ? 0 : f + pad) + yLabelWidth + pad + tick;

        var legendBoxWidth = entryWidths.Count == 0 ? 0 : entryWidths.Max() + (1.0 * f);
        var xData = FigureAxes.DataRange(spec.Series, s => s.X, _ => null, _ => null, spec.LogX);
        var right = style.Legend == LegendPosition.OutsideRight && legend.Count > 0 ? legendBoxWidth + (2 * pad) : pad;
        var plotWidth = Math.Max(4 * f, width - left - right);
        var (xRange, xMajor, xMinor, xLabels) = FigureAxes.FitX(spec, xData, plotWidth, font, f);
        if (style.Legend != LegendPosition.OutsideRight || legend.Count == 0)
        {
            // The last x label is centred on the plot's right edge: leave room for its right half.
            var lastHalf = xLabels.Count == 0 ? 0 : FontMetrics.Width(xLabels[^1], font, f) / 2;
            right = Math.Max(pad, lastHalf + (pad / 2));
            plotWidth = Math.Max(4 * f, width - left - right);
        }

        var plot = new FigureRect(left, top, plotWidth, plotHeight);
        var mapX = FigureAxes.Mapper(xRange, spec.LogX, plot.X, plot.Right);
        var mapY = FigureAxes.Mapper(yRange, spec.LogY, plot.Bottom, plot.Y);
        var elements = new List<FigureElement>
        {
            new FigurePath([[new(0, 0), new(width, 0), new(width, height), new(0, height)]]) { Closed = true, Fill = "#FFFFFF", Role = "background" },
        };

        // Grid at the major ticks, under the data.
        var grid = new List<IReadOnlyList<FigurePoint>>();
        grid.AddRange(xMajor.Select(x => (IReadOnlyList<FigurePoint>)[new(mapX(x), plot.Y), new(mapX(x), plot.Bottom)]));
        grid.AddRange(yMajor.Select(y => (IReadOnlyList<FigurePoint>)[new(plot.X, mapY(y)), new(plot.Right, mapY(y))]));
        if (grid.Count > 0)
        {
            elements.Add(new FigurePath(grid) { Stroke = GridColor, StrokeWidth = 0.5, Role = "grid" });
        }

        FigureSeriesDrawing.Add(elements, spec, style, styles, plot, mapX, mapY);

        // Axes: left and bottom spines with outward ticks.
        elements.Add(new FigurePath([[new(plot.X, plot.Y), new(plot.X, plot.Bottom), new(plot.Right, plot.Bottom)]]) { Stroke = Ink, StrokeWidth = axisWidth, Role = "axis" });
        var ticks = new List<IReadOnlyList<FigurePoint>>();
        ticks.AddRange(xMajor.Select(x => (IReadOnlyList<FigurePoint>)[new(mapX(x), plot.Bottom), new(mapX(x), plot.Bottom + tick)]));
        ticks.AddRange(xMinor.Select(x => (IReadOnlyList<FigurePoint>)[new(mapX(x), plot.Bottom), new(mapX(x), plot.Bottom + (tick * 0.6))]));
        ticks.AddRange(yMajor.Select(y => (IReadOnlyList<FigurePoint>)[new(plot.X, mapY(y)), new(plot.X - tick, mapY(y))]));
        ticks.AddRange(yMinor.Select(y => (IReadOnlyList<FigurePoint>)[new(plot.X, mapY(y)), new(plot.X - (tick * 0.6), mapY(y))]));
        if (ticks.Count > 0)
        {
            elements.Add(new FigurePath(ticks) { Stroke = Ink, StrokeWidth = axisWidth, Role = "ticks" });
        }

        var xLabelBaseline = plot.Bottom + tick + pad + cap;
        for (var i = 0; i < xMajor.Count; i++)
        {
            elements.Add(new FigureText(mapX(xMajor[i]), xLabelBaseline, xLabels[i], f) { Anchor = TextAnchor.Middle, Role = "tick-label" });
        }

        for (var i = 0; i < yMajor.Count; i++)
        {
            elements.Add(new FigureText(plot.X - tick - pad, mapY(yMajor[i]) + (cap / 2), yLabels[i], f) { Anchor = TextAnchor.End, Role = "tick-label" });
        }

        var xTitleBaseline = xLabelBaseline + descent + pad + cap;
        if (!string.IsNullOrWhiteSpace(spec.XLabel))
        {
            elements.Add(new FigureText(plot.X + (plot.Width / 2), xTitleBaseline, spec.XLabel, f) { Anchor = TextAnchor.Middle, Role = "axis-label" });
        }

        if (!string.IsNullOrWhiteSpace(spec.YLabel))
        {
            elements.Add(new FigureText(pad + cap, plot.Y + (plot.Height / 2), spec.YLabel, f) { Anchor = TextAnchor.Middle, Vertical = true, Role = "axis-label" });
        }

        if (hasTitle)
        {
            elements.Add(new FigureText(plot.X + (plot.Width / 2), pad + (FontMetrics.CapHeight(font) * 1.15 * f), spec.Title!, 1.15 * f) { Anchor = TextAnchor.Middle, Role = "title" });
        }

        if (legend.Count > 0)
        {
            FigureLegend.Draw(elements, legend, entryWidths, belowRows, style, plot, legendBoxWidth, xTitleBaseline + descent + pad, width, pad, rowHeight, sample, f, cap);
        }

        return new FigureDrawing(width, height, font, plot, elements) { Title = spec.Title };
    }

    /// <summary>
    /// The colour/dash slot of each series: its own <see cref="FigureSeries.Slot"/>, else its ordinal among non-faint
    /// series; shared by faint series of the same name.
    /// </summary>
    public static IReadOnlyList<int> SeriesStyles(IReadOnlyList<FigureSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var next = 0;
        foreach (var s in series.Where(s => !s.Faint))
        {
            if (!slots.ContainsKey(s.Name))
            {
                slots[s.Name] = s.Slot ?? next;
                next++;
            }
        }

        return [.. series.Select(s => slots.TryGetValue(s.Name, out var slot) ? slot : next++)];
    }
}
