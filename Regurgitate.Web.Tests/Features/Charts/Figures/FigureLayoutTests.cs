using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class FigureLayoutTests
{
    [Theory]
    [InlineData(LegendPosition.TopRight)]
    [InlineData(LegendPosition.BottomRight)]
    [InlineData(LegendPosition.OutsideRight)]
    [InlineData(LegendPosition.Below)]
    [InlineData(LegendPosition.None)]
    public void All_text_lies_on_the_page_for_every_legend_position(LegendPosition legend)
    {
        foreach (var font in new[] { FigureFont.Sans, FigureFont.Serif })
        {
            var style = new FigureStyle { Legend = legend, Font = font, FontSize = 9 };
            var drawing = FigureLayout.Build(FigureSamples.LearningCurves(), style);
            foreach (var text in drawing.Elements.OfType<FigureText>())
            {
                var width = FontMetrics.Width(text.Text, font, text.Size);
                var start = text.Anchor switch { TextAnchor.Middle => width / 2, TextAnchor.End => width, _ => 0.0 };
                var (from, to) = text.Vertical ? (text.Y + start - width, text.Y + start) : (text.X - start, text.X - start + width);
                Assert.InRange(from, -0.01, (text.Vertical ? drawing.Height : drawing.Width) + 0.01);
                Assert.InRange(to, -0.01, (text.Vertical ? drawing.Height : drawing.Width) + 0.01);
                Assert.InRange(text.Vertical ? text.X : text.Y, 0, text.Vertical ? drawing.Width : drawing.Height);
            }
        }
    }

    [Fact]
    public void An_outside_legend_narrows_the_plot_and_none_drops_the_legend()
    {
        var inside = FigureLayout.Build(FigureSamples.LearningCurves(), new FigureStyle());
        var outside = FigureLayout.Build(FigureSamples.LearningCurves(), new FigureStyle { Legend = LegendPosition.OutsideRight });
        var none = FigureLayout.Build(FigureSamples.LearningCurves(), new FigureStyle { Legend = LegendPosition.None });

        Assert.True(outside.PlotArea.Width < inside.PlotArea.Width - 30);
        Assert.Contains(outside.Elements, e => e.Role == "legend-box" && ((FigurePath)e).Subpaths[0][0].X > outside.PlotArea.Right);
        Assert.DoesNotContain(none.Elements, e => e.Role.StartsWith("legend", StringComparison.Ordinal));
    }

    [Fact]
    public void A_larger_font_widens_the_margins()
    {
        var small = FigureLayout.Build(FigureSamples.LossCurve(), new FigureStyle { FontSize = 7 });
        var large = FigureLayout.Build(FigureSamples.LossCurve(), new FigureStyle { FontSize = 12 });

        Assert.True(large.PlotArea.X > small.PlotArea.X);
        Assert.True(large.PlotArea.Height < small.PlotArea.Height);
    }

    [Fact]
    public void A_fixed_range_clips_the_data_to_the_plot_area()
    {
        var spec = FigureSamples.LossCurve() with { YRange = new AxisRange(2, 4) };
        var drawing = FigureLayout.Build(spec, new FigureStyle());

        Assert.All(drawing.Elements.Where(e => e.Role == "series"), e => Assert.True(e.Clipped));
        Assert.Equal(["2.0", "2.5", "3.0", "3.5", "4.0"], drawing.Elements.OfType<FigureText>().Where(t => t.Role == "tick-label" && t.Anchor == TextAnchor.End).Select(t => t.Text));
    }

    [Fact]
    public void An_invalid_style_is_refused_with_its_reasons()
    {
        var style = new FigureStyle { Preset = FigureSizePreset.Custom, CustomWidthInches = 0.2, FontSize = 60 };

        Assert.Equal(2, style.Validate().Count);
        Assert.Throws<ArgumentException>(() => FigureLayout.Build(FigureSamples.LossCurve(), style));
    }

    [Fact]
    public void Text_widths_are_the_embedded_fonts_advance_widths()
    {
        // Liberation Sans and Serif advance widths in 2048ths of an em (hmtx): "0" 1139 and 1024, "L" 1139, "s" 1024.
        Assert.Equal(1139 * 10 / 2048.0, FontMetrics.Width("0", FigureFont.Sans, 10), 9);
        Assert.Equal(1024 * 10 / 2048.0, FontMetrics.Width("0", FigureFont.Serif, 10), 9);
        Assert.Equal((1139 + 1139 + 1024 + 1024) * 10 / 2048.0, FontMetrics.Width("Loss", FigureFont.Sans, 10), 9);
        // Metric-compatible with Helvetica's AFM widths (556 and 500 thousandths of an em), so layouts stay as they were.
        Assert.Equal((556 + 556 + 500 + 500) * 0.01, FontMetrics.Width("Loss", FigureFont.Sans, 10), 1);
        // Characters WinAnsi cannot encode are drawn, and so measured, as '?'.
        Assert.Equal(FontMetrics.Width("?", FigureFont.Serif, 10), FontMetrics.Width("\u4E2D", FigureFont.Serif, 10), 9);
    }
}
