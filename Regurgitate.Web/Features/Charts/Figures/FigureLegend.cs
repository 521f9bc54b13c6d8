

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>The legend of <see cref="FigureLayout"/>: which series it lists, how its rows flow, and drawing it.</summary>
internal static class FigureLegend
{
    private const string Frame = "#BFBFBF";

    public static List<LegendEntry> Entries(IReadOnlyList<FigureSeries> series, IReadOnlyList<int> styles)
    {
        var entries = new List<LegendEntry>();
        for (var i = 0; i < series.Count; i++)
        {
            if (!series[i].Faint && !string.IsNullOrWhiteSpace(series[i].Name) && entries.All(e => e.Name != series[i].Name))
            {
                entries.Add(new LegendEntry(series[i].Name, styles[i], series[i].HasBand && !series[i].ErrorBars, series[i].Color, series[i].Markers));
            }
        }

        return entries;
    }

    private static void AddEntry(List<FigureElement> elements, LegendEntry entry, FigureStyle style, double x, double centerY, double sample, double f, double cap)
    {
        var color = FigureSeriesDrawing.Color(style, entry.Color, entry.Slot);
        if (entry.Band)
        {
            var h = 0.35 * f;
            elements.Add(new FigurePath([[new(x, centerY - h), new(x + sample, centerY - h), new(x + sample, centerY + h), new(x, centerY + h)]])
            {
                Closed = true,
                Fill = color,
                FillOpacity = FigureSeriesDrawing.BandOpacity,
                Role = "legend-band",
            });
        }

        elements.Add(new FigurePath([[new(x, centerY), new(x + sample, centerY)]])
        {
            Stroke = color,
            StrokeWidth = style.LineWidth,
            Dash = FigureColors.Dash(entry.Slot, style.LineWidth, style.Dashes),
            Role = "legend-line",
        });
        if (style.Markers || entry.Markers)
        {
            elements.Add(FigureSeriesDrawing.Markers(entry.Slot, [new(x + (sample / 2), centerY)], style, color, "legend-marker"));
        }

        elements.Add(new FigureText(x + sample + (0.4 * f), centerY + (cap / 2), entry.Name, f) { Role = "legend-label" });
    }

    /// <summary>
    /// Draws the legend: centred rows under the x label (<paramref name="belowRows"/> from <see cref="FlowRows"/>,
    /// starting at <paramref name="rowTop"/>), or a framed box inside or beside the plot.
    /// </summary>
    public static void Draw(List<FigureElement> elements, List<LegendEntry> legend, IReadOnlyList<double> entryWidths, List<List<int>> belowRows, FigureStyle style, FigureRect plot, double legendBoxWidth, double rowTop, double width, double pad, double rowHeight, double sample, double f, double cap)
    {
        var legendHeight = (legend.Count * rowHeight) + (0.5 * f);
        switch (style.Legend)
        {
            case LegendPosition.Below:
                foreach (var row in belowRows)
                {
                    var rowWidth = row.Sum(i => entryWidths[i]) + ((row.Count - 1) * 1.2 * f);
                    var x = Math.Max(pad, (width - rowWidth) / 2);
                    foreach (var i in row)
                    {
                        AddEntry(elements, legend[i], style, x, rowTop + (rowHeight / 2), sample, f, cap);
                        x += entryWidths[i] + (1.2 * f);
                    }

                    rowTop += rowHeight;
                }

                break;
            default:
                var inset = 0.5 * f;
                var boxX = style.Legend == LegendPosition.OutsideRight ? plot.Right + pad : plot.Right - inset - legendBoxWidth;
                var boxY = style.Legend == LegendPosition.BottomRight ? plot.Bottom - inset - legendHeight : style.Legend == LegendPosition.OutsideRight ? plot.Y : plot.Y + inset;
                elements.Add(new FigurePath([[new(boxX, boxY), new(boxX + legendBoxWidth, boxY), new(boxX + legendBoxWidth, boxY + legendHeight), new(boxX, boxY + legendHeight)]])
                {
                    Closed = true,
                    Fill = "#FFFFFF",
                    FillOpacity = 0.85,
                    Stroke = Frame,
                    StrokeWidth = 0.4,
                    Role = "legend-box",
                });
                for (var i = 0; i < legend.Count; i++)
                {
                    AddEntry(elements, legend[i], style, boxX + (0.5 * f), boxY + (0.25 * f) + (rowHeight * (i + 0.5)), sample, f, cap);
                }

                break;
        }
    }

    public static List<List<int>> FlowRows(IReadOnlyList<double> widths, double available, double gap)
    {
        var rows = new List<List<int>> { new() };
        var used = 0.0;
        for (var i = 0; i < widths.Count; i++)
        {
            if (rows[^1].Count > 0 && used + gap + widths[i] > available)
            {
                rows.Add([]);
                used = 0;
            }

            used += (rows[^1].Count > 0 ? gap : 0) + widths[i];
            rows[^1].Add(i);
        }

        return rows;
    }

    /// <summary>One legend line: a named series' style slot, and whether it shows a band and markers.</summary>
    internal sealed record LegendEntry(string Name, int Slot, bool Band, string? Color, bool Markers);
}
