using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class FigureColorsTests
{
    [Fact]
    public void In_greyscale_with_dashes_the_first_24_series_all_look_different()
    {
        var looks = Enumerable.Range(0, 24)
            .Select(i => FigureColors.Color(FigurePalette.Greyscale, i) + "/" + string.Join(",", FigureColors.Dash(i, 1, dashes: true)))
            .ToList();

        Assert.Equal(24, looks.Distinct().Count());
        Assert.All(FigureColors.Colors(FigurePalette.Greyscale), c => Assert.True(c[1..3] == c[3..5] && c[3..5] == c[5..7], $"{c} is not grey"));
    }

    [Fact]
    public void Dash_patterns_are_distinct_scale_with_the_line_and_vanish_when_off()
    {
        var patterns = Enumerable.Range(0, FigureColors.PatternCount).Select(i => string.Join(",", FigureColors.Dash(i, 1, true))).ToList();

        Assert.Equal(FigureColors.PatternCount, patterns.Distinct().Count());
        Assert.Empty(FigureColors.Dash(0, 1, true));
        Assert.Equal([10.0, 5.0], FigureColors.Dash(1, 2, true));
        Assert.Empty(FigureColors.Dash(1, 2, false));
    }

    [Theory]
    [InlineData(FigurePalette.OkabeIto, "#0072B2")]
    [InlineData(FigurePalette.TolBright, "#4477AA")]
    [InlineData(FigurePalette.Greyscale, "#000000")]
    public void Each_palette_has_distinct_colours_and_starts_with_its_darkest_hue(FigurePalette palette, string first)
    {
        var colors = FigureColors.Colors(palette);

        Assert.Equal(first, FigureColors.Color(palette, 0));
        Assert.Equal(colors.Count, colors.Distinct().Count());
    }

    [Fact]
    public void Faint_series_share_the_slot_of_their_smoothed_curve()
    {
        var styles = FigureLayout.SeriesStyles(FigureSamples.LearningCurves().Series);
        Assert.Equal([0, 1, 1], styles);
    }
}
