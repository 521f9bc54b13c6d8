using System.Globalization;
using System.Text;
using System.Xml;

namespace Regurgitate.Web.Features.Charts.Figures;

/// <summary>
/// A laid-out figure as a self-contained SVG 1.1 document: width and height in inches, the viewBox in points, text as
/// <c>&lt;text&gt;</c> in the PDF font with generic fallbacks, no external references, stylesheets or scripts. Data
/// lines carry <c>class="series"</c> and their name as a <c>&lt;title&gt;</c>.
/// </summary>
public static class SvgFigureWriter
{
    private const string ClipId = "plot-area";

    public static string Write(FigureSpec spec, FigureStyle style) => Write(FigureLayout.Build(spec, style), style);

    public static string Write(FigureDrawing drawing, FigureStyle style)
    {
        ArgumentNullException.ThrowIfNull(drawing);
        ArgumentNullException.ThrowIfNull(style);
        // The embedded PDF fonts first, then fonts with the same widths, so the SVG lays out like the PDF.
        var family = drawing.Font == FigureFont.Serif ? "'Liberation Serif', 'Times New Roman', Times, serif" : "'Liberation Sans', Arial, Helvetica, sans-serif";
        var svg = new StringBuilder();
        svg.Append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{Inches(style.WidthInches)}\" height=\"{Inches(style.HeightInches)}\" viewBox=\"0 0 {N(drawing.Width)} {N(drawing.Height)}\" font-family=\"{Escape(family)}\" font-size=\"{N(style.FontSize)}\">\n");
        if (!string.IsNullOrWhiteSpace(drawing.Title))
        {
            svg.Append("<title>").Append(Escape(drawing.Title)).Append("</title>\n");
        }

        var plot = drawing.PlotArea;
        svg.Append(CultureInfo.InvariantCulture, $"<defs><clipPath id=\"{ClipId}\"><rect x=\"{N(plot.X)}\" y=\"{N(plot.Y)}\" width=\"{N(plot.Width)}\" height=\"{N(plot.Height)}\"/></clipPath></defs>\n");
        var clipped = false;
        foreach (var element in drawing.Elements)
        {
            if (element.Clipped != clipped)
            {
                svg.Append(element.Clipped ? $"<g clip-path=\"url(#{ClipId})\">\n" : "</g>\n");
                clipped = element.Clipped;
            }

            switch (element)
            {
                case FigurePath path:
                    WritePath(svg, path);
                    break;
                case FigureCircle circles:
                    WriteCircles(svg, circles);
                    break;
                case FigureText text:
                    WriteText(svg, text);
                    break;
            }
        }

        if (clipped)
        {
            svg.Append("</g>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    public static byte[] WriteBytes(FigureSpec spec, FigureStyle style) => new UTF8Encoding(false).GetBytes(Write(spec, style));

    private static void WritePath(StringBuilder svg, FigurePath path)
    {
        if (path.Subpaths.All(p => p.Count == 0))
        {
            return;
        }

        svg.Append("<path");
        Class(svg, path.Role);
        svg.Append(" d=\"");
        var first = true;
        foreach (var sub in path.Subpaths.Where(p => p.Count > 0))
        {
            if (!first)
            {
                svg.Append(' ');
            }

            first = false;
            svg.Append('M').Append(N(sub[0].X)).Append(' ').Append(N(sub[0].Y));
            for (var i = 1; i < sub.Count; i++)
            {
                svg.Append(i == 1 ? "L" : " ").Append(N(sub[i].X)).Append(' ').Append(N(sub[i].Y));
            }

            if (path.Closed)
            {
                svg.Append('Z');
            }
        }

        svg.Append('"');
        svg.Append(" fill=\"").Append(path.Fill ?? "none").Append('"');
        if (path.Fill is not null && path.FillOpacity < 1)
        {
            svg.Append(" fill-opacity=\"").Append(N(path.FillOpacity)).Append('"');
        }

        if (path.Stroke is not null)
        {
            svg.Append(" stroke=\"").Append(path.Stroke).Append("\" stroke-width=\"").Append(N(path.StrokeWidth)).Append('"');
            if (path.StrokeOpacity < 1)
            {
                svg.Append(" stroke-opacity=\"").Append(N(path.StrokeOpacity)).Append('"');
            }

            if (path.Dash.Count > 0)
            {
                svg.Append(" stroke-dasharray=\"").AppendJoin(',', path.Dash.Select(d => N(d))).Append('"');
            }

            svg.Append(" stroke-linejoin=\"round\"");
        }

        if (path.Label is { Length: > 0 } label && path.Role == "series")
        {
            svg.Append("><title>").Append(Escape(label)).Append("</title></path>\n");
        }
        else
        {
            svg.Append("/>\n");
        }
    }

    private static void WriteCircles(StringBuilder svg, FigureCircle circles)
    {
        svg.Append("<g");
        Class(svg, circles.Role);
        svg.Append(" fill=\"").Append(circles.Fill).Append("\">");
        foreach (var c in circles.Centers)
        {
            svg.Append("<circle cx=\"").Append(N(c.X)).Append("\" cy=\"").Append(N(c.Y)).Append("\" r=\"").Append(N(circles.Radius)).Append("\"/>");
        }

        svg.Append("</g>\n");
    }

    private static void WriteText(StringBuilder svg, FigureText text)
    {
        svg.Append("<text");
        Class(svg, text.Role);
        svg.Append(" x=\"").Append(N(text.X)).Append("\" y=\"").Append(N(text.Y)).Append('"');
        if (text.Anchor != TextAnchor.Start)
        {
            svg.Append(" text-anchor=\"").Append(text.Anchor == TextAnchor.Middle ? "middle" : "end").Append('"');
        }

        if (text.Vertical)
        {
            svg.Append(" transform=\"rotate(-90 ").Append(N(text.X)).Append(' ').Append(N(text.Y)).Append(")\"");
        }

        svg.Append(" font-size=\"").Append(N(text.Size)).Append("\">").Append(Escape(text.Text)).Append("</text>\n");
    }

    private static void Class(StringBuilder svg, string role)
    {
        if (role.Length > 0)
        {
            svg.Append(" class=\"").Append(role).Append('"');
        }
    }

    private static string Inches(double inches) => FigureNumber.Format(inches, 3) + "in";

    private static string N(double value) => FigureNumber.Format(value);

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (XmlConvert.IsXmlChar(c))
            {
                sb.Append(c switch
                {
                    '&' => "&amp;",
                    '<' => "&lt;",
                    '>' => "&gt;",
                    '"' => "&quot;",
                    _ => c.ToString(),
                });
            }
        }

        return sb.ToString();
    }
}
