namespace Regurgitate.Workbench.Figures;

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
/// </summary>
public static class FigureLayout
{
    private const double BandOpacity = 0.2;
    private const double FaintOpacity = 0.35;
    private const string Ink = "#000000";
    private const string GridColor = "#E6E6E6";
    private const string LegendFrame = "#BFBFBF";

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
        var legend = style.Legend == LegendPosition.None ? [] : LegendEntries(spec.Series, styles);
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
            belowRows = FlowRows(entryWidths, width - (2 * pad), 1.2 * f);
            bottom += belowRows.Count * rowHeight;
        }

        var plotHeight = Math.Max(4 * f, height - top - bottom);
        var yData = DataRange(spec.Series, s => s.Y, s => s.Lower, s => s.Upper, spec.LogY);
        var yIntervals = Math.Clamp((int)Math.Floor(plotHeight / (3 * f)), 2, 10);
        var (yRange, yMajor, yMinor) = Axis(spec.YRange, yData, spec.LogY, yIntervals);
        var yLabels = AxisTicks.Labels(yMajor, spec.LogY);
        var yLabelWidth = yLabels.Count == 0 ? 0 : yLabels.Max(l => FontMetrics.Width(l, font, f));
        var left = pad + (string.IsNullOrWhiteSpace(spec.YLabel) ? 0 : f + pad) + yLabelWidth + pad + tick;

        var legendBoxWidth = entryWidths.Count == 0 ? 0 : entryWidths.Max() + (1.0 * f);
        var xData = DataRange(spec.Series, s => s.X, _ => null, _ => null, spec.LogX);
        var right = style.Legend == LegendPosition.OutsideRight && legend.Count > 0 ? legendBoxWidth + (2 * pad) : pad;
        var plotWidth = Math.Max(4 * f, width - left - right);
        var (xRange, xMajor, xMinor, xLabels) = XAxis(spec, xData, plotWidth, font, f);
        if (style.Legend != LegendPosition.OutsideRight || legend.Count == 0)
        {
            // The last x label is centred on the plot's right edge: leave room for its right half.
            var lastHalf = xLabels.Count == 0 ? 0 : FontMetrics.Width(xLabels[^1], font, f) / 2;
            right = Math.Max(pad, lastHalf + (pad / 2));
            plotWidth = Math.Max(4 * f, width - left - right);
        }

        var plot = new FigureRect(left, top, plotWidth, plotHeight);
        var mapX = Mapper(xRange, spec.LogX, plot.X, plot.Right);
        var mapY = Mapper(yRange, spec.LogY, plot.Bottom, plot.Y);
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

        AddData(elements, spec, style, styles, plot, mapX, mapY);

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
            var legendHeight = (legend.Count * rowHeight) + (0.5 * f);
            switch (style.Legend)
            {
                case LegendPosition.Below:
                    var rowTop = xTitleBaseline + descent + pad;
                    foreach (var row in belowRows)
                    {
                        var rowWidth = row.Sum(i => entryWidths[i]) + ((row.Count - 1) * 1.2 * f);
                        var x = Math.Max(pad, (width - rowWidth) / 2);
                        foreach (var i in row)
                        {
                            AddLegendEntry(elements, legend[i], style, x, rowTop + (rowHeight / 2), sample, f, cap);
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
                        Stroke = LegendFrame,
                        StrokeWidth = 0.4,
                        Role = "legend-box",
                    });
                    for (var i = 0; i < legend.Count; i++)
                    {
                        AddLegendEntry(elements, legend[i], style, boxX + (0.5 * f), boxY + (0.25 * f) + (rowHeight * (i + 0.5)), sample, f, cap);
                    }

                    break;
            }
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

    private static List<LegendEntry> LegendEntries(IReadOnlyList<FigureSeries> series, IReadOnlyList<int> styles)
    {
        var entries = new List<LegendEntry>();
        for (var i = 0; i < series.Count; i++)
        {
            if (!series[i].Faint && !string.IsNullOrWhiteSpace(series[i].Name) && entries.All(e => e.Name != series[i].Name))
            {
                entries.Add(new LegendEntry(series[i].Name, styles[i], series[i].HasBand, series[i].Color, series[i].Markers));
            }
        }

        return entries;
    }

    private static void AddLegendEntry(List<FigureElement> elements, LegendEntry entry, FigureStyle style, double x, double centerY, double sample, double f, double cap)
    {
        var color = SeriesColor(style, entry.Color, entry.Slot);
        if (entry.Band)
        {
            var h = 0.35 * f;
            elements.Add(new FigurePath([[new(x, centerY - h), new(x + sample, centerY - h), new(x + sample, centerY + h), new(x, centerY + h)]])
            {
                Closed = true,
                Fill = color,
                FillOpacity = BandOpacity,
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
            elements.Add(Markers(entry.Slot, [new(x + (sample / 2), centerY)], style, color, "legend-marker"));
        }

        elements.Add(new FigureText(x + sample + (0.4 * f), centerY + (cap / 2), entry.Name, f) { Role = "legend-label" });
    }

    // A series' own colour only with the palette the screen uses; a palette chosen on purpose colours by slot.
    private static string SeriesColor(FigureStyle style, string? own, int slot) =>
        own is not null && style.Palette == FigurePalette.OkabeIto ? own : FigureColors.Color(style.Palette, slot);

    private static void AddData(List<FigureElement> elements, FigureSpec spec, FigureStyle style, IReadOnlyList<int> styles, FigureRect plot, Func<double, double> mapPlotX, Func<double, double> mapY)
    {
        Func<double, double> Shifted(FigureSeries s) => s.XShift == 0 ? mapPlotX : x => mapPlotX(x) + (s.XShift * plot.Width);

        // Bands first, then faint raw curves, then the curves, so that no band covers a line.
        for (var i = 0; i < spec.Series.Count; i++)
        {
            var s = spec.Series[i];
            if (s.HasBand)
            {
                var polygons = BandPolygons(s, spec, Shifted(s), mapY);
                if (polygons.Count > 0)
                {
                    elements.Add(new FigurePath(polygons) { Closed = true, Fill = SeriesColor(style, s.Color, styles[i]), FillOpacity = s.Faint ? BandOpacity / 2 : BandOpacity, Clipped = true, Role = "band", Label = s.Name });
                }
            }
        }

        foreach (var faint in new[] { true, false })
        {
            for (var i = 0; i < spec.Series.Count; i++)
            {
                var s = spec.Series[i];
                if (s.Faint != faint)
                {
                    continue;
                }

                var color = SeriesColor(style, s.Color, styles[i]);
                var lines = Polylines(s, spec, Shifted(s), mapY);
                elements.Add(new FigurePath(lines)
                {
                    Stroke = color,
                    StrokeWidth = faint ? 0.6 * style.LineWidth : style.LineWidth,
                    StrokeOpacity = faint ? FaintOpacity : 1,
                    Dash = faint ? [] : FigureColors.Dash(styles[i], style.LineWidth, style.Dashes),
                    Clipped = true,
                    Role = faint ? "series-raw" : "series",
                    Label = s.Name,
                });
                if ((style.Markers || s.Markers) && !faint)
                {
                    var points = lines.SelectMany(l => l).ToList();
                    if (points.Count > 0)
                    {
                        elements.Add(Markers(styles[i], points, style, color, "markers") with { Clipped = true });
                    }
                }
            }
        }
    }

    private static FigureElement Markers(int slot, IReadOnlyList<FigurePoint> points, FigureStyle style, string color, string role)
    {
        var r = Math.Max(1.2, 1.5 * style.LineWidth);
        if (slot % 5 == 0)
        {
            return new FigureCircle(points, r, color) { Role = role };
        }

        IReadOnlyList<FigurePoint> Shape(FigurePoint c) => (slot % 5) switch
        {
            1 => [new(c.X - (r * 0.9), c.Y - (r * 0.9)), new(c.X + (r * 0.9), c.Y - (r * 0.9)), new(c.X + (r * 0.9), c.Y + (r * 0.9)), new(c.X - (r * 0.9), c.Y + (r * 0.9))],
            2 => [new(c.X, c.Y - (r * 1.25)), new(c.X + (r * 1.1), c.Y + (r * 0.7)), new(c.X - (r * 1.1), c.Y + (r * 0.7))],
            3 => [new(c.X, c.Y - (r * 1.3)), new(c.X + (r * 1.1), c.Y), new(c.X, c.Y + (r * 1.3)), new(c.X - (r * 1.1), c.Y)],
            _ => [new(c.X, c.Y + (r * 1.25)), new(c.X + (r * 1.1), c.Y - (r * 0.7)), new(c.X - (r * 1.1), c.Y - (r * 0.7))],
        };

        return new FigurePath([.. points.Select(Shape)]) { Closed = true, Fill = color, Role = role };
    }

    private static List<IReadOnlyList<FigurePoint>> Polylines(FigureSeries s, FigureSpec spec, Func<double, double> mapX, Func<double, double> mapY)
    {
        var lines = new List<IReadOnlyList<FigurePoint>>();
        var current = new List<FigurePoint>();
        for (var i = 0; i < s.Count; i++)
        {
            if (Usable(s.X[i], spec.LogX) && Usable(s.Y[i], spec.LogY))
            {
                current.Add(new FigurePoint(mapX(s.X[i]), mapY(s.Y[i])));
            }
            else if (current.Count > 0)
            {
                lines.Add(current);
                current = [];
            }
        }

        if (current.Count > 0)
        {
            lines.Add(current);
        }

        return [.. lines.Select(Decimate)];
    }

    /// <summary>
    /// Long curves (a loss logged every step) keep, per quarter point of x, only the first, lowest, highest and last
    /// point: the drawn envelope is unchanged at any print resolution, and the file stays small.
    /// </summary>
    internal static IReadOnlyList<FigurePoint> Decimate(IReadOnlyList<FigurePoint> line)
    {
        const double Column = 0.25;
        if (line.Count <= 64)
        {
            return line;
        }

        var kept = new List<FigurePoint>();
        var start = 0;
        while (start < line.Count)
        {
            var column = Math.Floor(line[start].X / Column);
            var end = start;
            while (end + 1 < line.Count && Math.Floor(line[end + 1].X / Column) == column)
            {
                end++;
            }

            if (end - start < 4)
            {
                for (var i = start; i <= end; i++)
                {
                    kept.Add(line[i]);
                }
            }
            else
            {
                var (low, high) = (start, start);
                for (var i = start; i <= end; i++)
                {
                    low = line[i].Y > line[low].Y ? i : low;
                    high = line[i].Y < line[high].Y ? i : high;
                }

                foreach (var i in new[] { start, low, high, end }.Distinct().Order())
                {
                    kept.Add(line[i]);
                }
            }

            start = end + 1;
        }

        return kept;
    }

    private static List<IReadOnlyList<FigurePoint>> BandPolygons(FigureSeries s, FigureSpec spec, Func<double, double> mapX, Func<double, double> mapY)
    {
        var polygons = new List<IReadOnlyList<FigurePoint>>();
        var run = new List<int>();
        var n = Math.Min(s.X.Count, Math.Min(s.Lower!.Count, s.Upper!.Count));
        for (var i = 0; i <= n; i++)
        {
            if (i < n && Usable(s.X[i], spec.LogX) && Usable(s.Lower[i], spec.LogY) && Usable(s.Upper[i], spec.LogY))
            {
                run.Add(i);
                continue;
            }

            if (run.Count > 1)
            {
                polygons.Add([.. run.Select(j => new FigurePoint(mapX(s.X[j]), mapY(s.Upper[j]))), .. Enumerable.Reverse(run).Select(j => new FigurePoint(mapX(s.X[j]), mapY(s.Lower[j])))]);
            }

            run = [];
        }

        return polygons;
    }

    private static bool Usable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);

    private static (double Min, double Max) DataRange(IReadOnlyList<FigureSeries> series, Func<FigureSeries, IReadOnlyList<double>> values, Func<FigureSeries, IReadOnlyList<double>?> lower, Func<FigureSeries, IReadOnlyList<double>?> upper, bool log)
    {
        var all = series.SelectMany(s => values(s).Take(s.Count).Concat(lower(s) ?? []).Concat(upper(s) ?? [])).Where(v => Usable(v, log)).ToList();
        return all.Count == 0 ? (double.NaN, double.NaN) : (all.Min(), all.Max());
    }

    private static (AxisRange Range, IReadOnlyList<double> Major, IReadOnlyList<double> Minor) Axis(AxisRange? fixedRange, (double Min, double Max) data, bool log, int intervals)
    {
        if (log)
        {
            var range = fixedRange is { } r && r.IsValid(true) ? r : AxisTicks.FitLog(data.Min, data.Max);
            var (major, minor) = AxisTicks.Log(range);
            return (range, major, minor);
        }

        var linear = fixedRange is { } l && l.IsValid(false) ? l : AxisTicks.FitLinear(data.Min, data.Max, intervals);
        return (linear, AxisTicks.Linear(linear, intervals), []);
    }

    // As many x ticks as fit: start from one interval per 3 f and drop intervals until the labels have 1.5 f between them.
    private static (AxisRange Range, IReadOnlyList<double> Major, IReadOnlyList<double> Minor, IReadOnlyList<string> Labels) XAxis(FigureSpec spec, (double Min, double Max) data, double plotWidth, FigureFont font, double f)
    {
        for (var intervals = Math.Clamp((int)Math.Floor(plotWidth / (3 * f)), 1, 12); ; intervals--)
        {
            var (range, major, minor) = Axis(spec.XRange, data, spec.LogX, intervals);
            var labels = AxisTicks.Labels(major, spec.LogX);
            var mapX = Mapper(range, spec.LogX, 0, plotWidth);
            var fits = true;
            for (var i = 1; i < major.Count && fits; i++)
            {
                var gap = mapX(major[i]) - mapX(major[i - 1]);
                fits = gap >= ((FontMetrics.Width(labels[i], font, f) + FontMetrics.Width(labels[i - 1], font, f)) / 2) + (1.5 * f);
            }

            if (fits || intervals <= 1 || spec.LogX)
            {
                return (range, major, minor, labels);
            }
        }
    }

    private static Func<double, double> Mapper(AxisRange range, bool log, double from, double to)
    {
        var (a, b) = log ? (Math.Log10(range.Min), Math.Log10(range.Max)) : (range.Min, range.Max);
        var scale = (to - from) / (b - a);
        return log ? v => from + ((Math.Log10(v) - a) * scale) : v => from + ((v - a) * scale);
    }

    private static List<List<int>> FlowRows(IReadOnlyList<double> widths, double available, double gap)
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

    private sealed record LegendEntry(string Name, int Slot, bool Band, string? Color, bool Markers);
}
