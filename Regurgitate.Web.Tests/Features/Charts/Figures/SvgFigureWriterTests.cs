using System.Xml.Linq;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class SvgFigureWriterTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData(FigureSizePreset.SingleColumn, "3.5in", "252")]
    [InlineData(FigureSizePreset.DoubleColumn, "7in", "504")]
    public void The_SVG_is_sized_in_inches_with_a_viewBox_in_points(FigureSizePreset preset, string width, string viewBoxWidth)
    {
        var style = new FigureStyle { Preset = preset, HeightRatio = 0.5 };
        var root = XDocument.Parse(SvgFigureWriter.Write(FigureSamples.LossCurve(), style)).Root!;

        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal(width, (string?)root.Attribute("width"));
        Assert.Equal(FigureNumberText(style.HeightInches) + "in", (string?)root.Attribute("height"));
        Assert.Equal($"0 0 {viewBoxWidth} {FigureNumberText(style.HeightPoints)}", (string?)root.Attribute("viewBox"));
    }

    [Fact]
    public void Each_series_is_one_path_named_by_its_title_and_faint_raw_curves_are_separate()
    {
        var root = XDocument.Parse(SvgFigureWriter.Write(FigureSamples.LearningCurves(), new FigureStyle())).Root!;
        var series = root.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series").ToList();

        Assert.Equal(["real", "GPT-4"], series.Select(p => p.Element(Svg + "title")!.Value));
        Assert.Single(root.Descendants(Svg + "path"), p => (string?)p.Attribute("class") == "series-raw");
        Assert.Single(root.Descendants(Svg + "path"), p => (string?)p.Attribute("class") == "band");
        Assert.Equal(["real", "GPT-4"], root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend-label").Select(t => t.Value));
    }

    [Fact]
    public void A_gap_in_the_data_breaks_the_line_into_two_subpaths()
    {
        var root = XDocument.Parse(SvgFigureWriter.Write(FigureSamples.LossCurve(), new FigureStyle())).Root!;
        var train = root.Descendants(Svg + "path").First(p => (string?)p.Attribute("class") == "series");

        Assert.Equal(2, ((string)train.Attribute("d")!).Count(c => c == 'M'));
    }

    [Fact]
    public void The_SVG_is_self_contained_and_small()
    {
        var text = SvgFigureWriter.Write(FigureSamples.LearningCurves(), new FigureStyle { Markers = true });

        Assert.DoesNotContain("href", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", text, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", text.Replace("url(#plot-area)", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.InRange(text.Length, 1000, 12_000);
    }

    [Fact]
    public void Text_is_escaped()
    {
        var spec = FigureSamples.LossCurve() with { XLabel = "a < b & \"c\"" };
        var root = XDocument.Parse(SvgFigureWriter.Write(spec, new FigureStyle())).Root!;

        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "a < b & \"c\"");
    }

    [Fact]
    public void The_serif_font_names_the_embedded_PDF_font_first_with_a_generic_serif_fallback()
    {
        var root = XDocument.Parse(SvgFigureWriter.Write(FigureSamples.LossCurve(), new FigureStyle { Font = FigureFont.Serif })).Root!;

        Assert.StartsWith("'Liberation Serif', 'Times New Roman'", (string?)root.Attribute("font-family"), StringComparison.Ordinal);
        Assert.EndsWith("serif", (string?)root.Attribute("font-family"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_curve_logged_every_step_stays_small_and_keeps_its_ends_and_extremes()
    {
        const int Steps = 50_000;
        var x = Enumerable.Range(1, Steps).Select(i => (double)i).ToArray();
        var y = x.Select(i => 2 + (6 * Math.Exp(-i / 5000.0)) + (0.3 * Math.Sin(i * 0.37))).ToArray();
        y[25_000] = 9.5;
        var spec = new FigureSpec { XLabel = "Step", YLabel = "Loss", XRange = new AxisRange(0, Steps), YRange = new AxisRange(0, 10), Series = [new FigureSeries("train", x, y)] };

        var drawing = FigureLayout.Build(spec, new FigureStyle());
        var line = Assert.Single(((FigurePath)drawing.Elements.Single(e => e.Role == "series")).Subpaths);
        var text = SvgFigureWriter.Write(drawing, new FigureStyle());

        Assert.InRange(line.Count, 500, 4000);
        Assert.Equal(drawing.PlotArea.X + (drawing.PlotArea.Width / Steps), line[0].X, 6);
        Assert.Equal(drawing.PlotArea.Right, line[^1].X, 6);
        Assert.Equal(drawing.PlotArea.Bottom - (drawing.PlotArea.Height * 0.95), line.Min(p => p.Y), 6);
        Assert.InRange(text.Length, 1000, 60_000);
    }

    private static string FigureNumberText(double value) => Math.Round(value, 3).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
