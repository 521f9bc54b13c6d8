using System.Globalization;
using System.Text;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// A laid-out figure as a one-page vector PDF 1.4, written by hand: paths with fills, opacity through ExtGState, and
/// text in Liberation Sans or Liberation Serif with WinAnsiEncoding, embedded as a subset of just the glyphs drawn
/// (<see cref="PdfEmbeddedFont"/>), because paper submission checks such as IEEE PDF eXpress reject fonts that are not
/// embedded. The page is the figure's size in points; streams are uncompressed and deterministic (no dates, no ids),
/// so identical figures give identical bytes.
/// </summary>
public static class PdfFigureWriter
{
    private const double Kappa = 0.5523;

    public static byte[] Write(FigureSpec spec, FigureStyle style) => Write(FigureLayout.Build(spec, style));

    public static byte[] Write(FigureDrawing drawing)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        var opacities = new List<(double Stroke, double Fill)>();
        var content = Content(drawing, opacities);

        var states = new StringBuilder();
        for (var i = 0; i < opacities.Count; i++)
        {
            states.Append(CultureInfo.InvariantCulture, $" /GS{i} << /Type /ExtGState /CA {N(opacities[i].Stroke)} /ca {N(opacities[i].Fill)} >>");
        }

        var font = new PdfEmbeddedFont(drawing.Font, drawing.Elements.OfType<FigureText>().Select(t => t.Text));
        var objects = new List<byte[]>
        {
            Latin1("<< /Type /Catalog /Pages 2 0 R >>"),
            Latin1("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Latin1($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {N(drawing.Width)} {N(drawing.Height)}] /Resources << /Font << /F1 5 0 R >> /ExtGState <<{states} >> >> /Contents 4 0 R >>"),
            Concat(Latin1(string.Create(CultureInfo.InvariantCulture, $"<< /Length {content.Length} >>\nstream\n")), content, Latin1("\nendstream")),
            font.FontDictionary(descriptorObject: 7),
            string.IsNullOrWhiteSpace(drawing.Title)
                ? Latin1("<< /Producer (Regurgitate) >>")
                : Concat(Latin1("<< /Producer (Regurgitate) /Title "), PdfString(drawing.Title), Latin1(" >>")),
            font.Descriptor(fontFileObject: 8),
            font.FontFile(),
        };

        using var pdf = new MemoryStream();
        // The comment with bytes above 127 tells transfer tools the file is binary.
        pdf.Write(Latin1("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Latin1(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n")));
            pdf.Write(objects[i]);
            pdf.Write(Latin1("\nendobj\n"));
        }

        var xref = pdf.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f\r\n");
        foreach (var offset in offsets)
        {
            // Each entry is exactly 20 bytes, end of line included.
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n\r\n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Latin1(table.ToString()));
        return pdf.ToArray();
    }

    private static byte[] Content(FigureDrawing drawing, List<(double Stroke, double Fill)> opacities)
    {
        var ops = new List<byte>();
        void Emit(string text) => ops.AddRange(Latin1(text + "\n"));

        var clipped = false;
        var plot = drawing.PlotArea;
        foreach (var element in drawing.Elements)
        {
            if (element.Clipped != clipped)
            {
                Emit(element.Clipped ? $"q {N(plot.X)} {Y(drawing, plot.Bottom)} {N(plot.Width)} {N(plot.Height)} re W n" : "Q");
                clipped = element.Clipped;
            }

            switch (element)
            {
                case FigurePath path:
                    WritePath(path, drawing, opacities, Emit);
                    break;
                case FigureCircle circles:
                    WriteCircles(circles, drawing, Emit);
                    break;
                case FigureText text:
                    WriteText(text, drawing, ops);
                    break;
            }
        }

        if (clipped)
        {
            Emit("Q");
        }

        return [.. ops];
    }

    private static void WritePath(FigurePath path, FigureDrawing drawing, List<(double Stroke, double Fill)> opacities, Action<string> emit)
    {
        var subpaths = path.Subpaths.Where(p => p.Count > 0).ToList();
        if (subpaths.Count == 0 || (path.Stroke is null && path.Fill is null))
        {
            return;
        }

        var ops = new StringBuilder("q");
        var strokeOpacity = path.Stroke is null ? 1 : path.StrokeOpacity;
        var fillOpacity = path.Fill is null ? 1 : path.FillOpacity;
        if (strokeOpacity < 1 || fillOpacity < 1)
        {
            var key = (Math.Round(strokeOpacity, 3), Math.Round(fillOpacity, 3));
            var index = opacities.IndexOf(key);
            if (index < 0)
            {
                opacities.Add(key);
                index = opacities.Count - 1;
            }

            ops.Append(CultureInfo.InvariantCulture, $" /GS{index} gs");
        }

        if (path.Fill is not null)
        {
            ops.Append(' ').Append(Rgb(path.Fill)).Append(" rg");
        }

        if (path.Stroke is not null)
        {
            ops.Append(' ').Append(Rgb(path.Stroke)).Append(" RG ").Append(N(path.StrokeWidth)).Append(" w 1 j");
            if (path.Dash.Count > 0)
            {
                ops.Append(" [").AppendJoin(' ', path.Dash.Select(N)).Append("] 0 d");
            }
        }

        emit(ops.ToString());
        foreach (var sub in subpaths)
        {
            var line = new StringBuilder();
            line.Append(N(sub[0].X)).Append(' ').Append(Y(drawing, sub[0].Y)).Append(" m");
            for (var i = 1; i < sub.Count; i++)
            {
                line.Append(' ').Append(N(sub[i].X)).Append(' ').Append(Y(drawing, sub[i].Y)).Append(" l");
            }

            if (path.Closed)
            {
                line.Append(" h");
            }

            emit(line.ToString());
        }

        emit((path.Fill is not null, path.Stroke is not null) switch
        {
            (true, true) => "B Q",
            (true, false) => "f Q",
            _ => "S Q",
        });
    }

    private static void WriteCircles(FigureCircle circles, FigureDrawing drawing, Action<string> emit)
    {
        emit($"q {Rgb(circles.Fill)} rg");
        var r = circles.Radius;
        var k = r * Kappa;
        foreach (var c in circles.Centers)
        {
            // Four Bézier quarters, counter-clockwise from the rightmost point (PDF y up).
            var x = c.X;
            var y = drawing.Height - c.Y;
            emit($"{N(x + r)} {N(y)} m " +
                $"{N(x + r)} {N(y + k)} {N(x + k)} {N(y + r)} {N(x)} {N(y + r)} c " +
                $"{N(x - k)} {N(y + r)} {N(x - r)} {N(y + k)} {N(x - r)} {N(y)} c " +
                $"{N(x - r)} {N(y - k)} {N(x - k)} {N(y - r)} {N(x)} {N(y - r)} c " +
                $"{N(x + k)} {N(y - r)} {N(x + r)} {N(y - k)} {N(x + r)} {N(y)} c h");
        }

        emit("f Q");
    }

    private static void WriteText(FigureText text, FigureDrawing drawing, List<byte> ops)
    {
        // PDF text has no anchor: shift the start by the measured width along the reading direction.
        var width = FontMetrics.Width(text.Text, drawing.Font, text.Size);
        var shift = text.Anchor switch
        {
            TextAnchor.Middle => width / 2,
            TextAnchor.End => width,
            _ => 0,
        };
        var x = text.X;
        var y = drawing.Height - text.Y;
        var matrix = text.Vertical
            ? $"0 1 -1 0 {N(x)} {N(y - shift)} Tm"
            : $"1 0 0 1 {N(x - shift)} {N(y)} Tm";
        ops.AddRange(Latin1($"BT /F1 {N(text.Size)} Tf 0 g {matrix} "));
        ops.AddRange(PdfString(text.Text));
        ops.AddRange(Latin1(" Tj ET\n"));
    }

    /// <summary>A literal string in WinAnsi bytes, ASCII-only on disk: bytes above 126 as octal escapes; characters WinAnsi lacks become '?'.</summary>
    private static byte[] PdfString(string text)
    {
        var sb = new StringBuilder("(");
        foreach (var c in text)
        {
            var b = WinAnsiEncoding.Encode(c);
            if (b is (byte)'(' or (byte)')' or (byte)'\\')
            {
                sb.Append('\\').Append((char)b);
            }
            else if (b is < 32 or > 126)
            {
                sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return Latin1(sb.Append(')').ToString());
    }

    private static string Rgb(string hex)
    {
        var h = hex.TrimStart('#');
        double Channel(int at) => Convert.ToInt32(h.Substring(at, 2), 16) / 255.0;
        return $"{FigureNumber.Format(Channel(0), 3)} {FigureNumber.Format(Channel(2), 3)} {FigureNumber.Format(Channel(4), 3)}";
    }

    private static string Y(FigureDrawing drawing, double y) => N(drawing.Height - y);

    private static string N(double value) => FigureNumber.Format(value);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
