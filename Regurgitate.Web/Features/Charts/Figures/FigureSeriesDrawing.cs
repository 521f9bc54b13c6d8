

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// Draws the data of a <see cref="FigureSpec"/> into a laid-out plot for <see cref="FigureLayout"/>: confidence bands,
/// faint raw curves, curves and markers, in that order so no band covers a line.
/// </summary>
internal static class FigureSeriesDrawing
{
    public const double BandOpacity = 0.2;
    private const double FaintOpacity = 0.35;

    // A series' own colour only with the palette the screen uses; a palette chosen on purpose colours by slot.
    public static string Color(FigureStyle style, string? own, int slot) =>
        own is not null && style.Palette == FigurePalette.OkabeIto ? own : FigureColors.Color(style.Palette, slot);

    public static void Add(List<FigureElement> elements, FigureSpec spec, FigureStyle style, IReadOnlyList<int> styles, FigureRect plot, Func<double, double> mapPlotX, Func<double, double> mapY)
    {
        Func<double, double> Shifted(FigureSeries s) => s.XShift == 0 ? mapPlotX : x => mapPlotX(x) + (s.XShift * plot.Width);

        // Bands first, then faint raw curves, then the curves, so that no band covers a line.
        for (var i = 0; i < spec.Series.Count; i++)
        {
            var s = spec.Series[i];
            if (s.HasBand && s.ErrorBars)
            {
                var whiskers = Whiskers(s, spec, Shifted(s), mapY, style.LineWidth);
                if (whiskers.Count > 0)
                {
                    elements.Add(new FigurePath(whiskers) { Stroke = Color(style, s.Color, styles[i]), StrokeWidth = 0.75 * style.LineWidth, Clipped = true, Role = "error-bars", Label = s.Name });
                }
            }
            else if (s.HasBand)
            {
                var polygons = BandPolygons(s, spec, Shifted(s), mapY);
                if (polygons.Count > 0)
                {
                    elements.Add(new FigurePath(polygons) { Closed = true, Fill = Color(style, s.Color, styles[i]), FillOpacity = s.Faint ? BandOpacity / 2 : BandOpacity, Clipped = true, Role = "band", Label = s.Name });
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

                var color = Color(style, s.Color, styles[i]);
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

    public static FigureElement Markers(int slot, IReadOnlyList<FigurePoint> points, FigureStyle style, string color, string role)
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

    // One vertical stroke per point with a short cap at each end; points without both ends get none.
    private static List<IReadOnlyList<FigurePoint>> Whiskers(FigureSeries s, FigureSpec spec, Func<double, double> mapX, Func<double, double> mapY, double lineWidth)
    {
        var cap = 2.5 * Math.Max(1, lineWidth);
        var whiskers = new List<IReadOnlyList<FigurePoint>>();
        for (var i = 0; i < Math.Min(s.X.Count, Math.Min(s.Lower!.Count, s.Upper!.Count)); i++)
        {
            if (Usable(s.X[i], spec.LogX) && Usable(s.Lower[i], spec.LogY) && Usable(s.Upper[i], spec.LogY))
            {
                var (x, low, high) = (mapX(s.X[i]), mapY(s.Lower[i]), mapY(s.Upper[i]));
                whiskers.Add([new(x, low), new(x, high)]);
                whiskers.Add([new(x - cap, low), new(x + cap, low)]);
                whiskers.Add([new(x - cap, high), new(x + cap, high)]);
            }
        }

        return whiskers;
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

    public static bool Usable(double v, bool log) => double.IsFinite(v) && (!log || v > 0);
}
