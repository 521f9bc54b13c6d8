using System.Text.RegularExpressions;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed partial class ConditionFigureStyleTests
{
    private static readonly IReadOnlyList<string> Order = ["real", "low", "high"];

    // "low" and "high" scored exactly the same at every size: on main the exported figure drew one line over the other.
    private static readonly IReadOnlyList<LearningCurveSeries> EqualCurves =
    [
        new("real", [new(1000, 20, 0, 20, 20, 1), new(4000, 30, 0, 30, 30, 1)]),
        new("low", [new(1000, 12, 0, 12, 12, 1), new(4000, 18, 0, 18, 18, 1)]),
        new("high", [new(1000, 12, 0, 12, 12, 1), new(4000, 18, 0, 18, 18, 1)]),
    ];

    [Fact]
    public void Exported_conditions_with_equal_values_are_drawn_apart_with_their_own_dash_and_marker()
    {
        var svg = SvgFigureWriter.Write(LearningCurveFigure.Build(EqualCurves, Order, BandMode.Std, logX: true, "Test BLEU", [1], null), new FigureStyle());

        var series = SeriesPaths().Matches(svg).ToDictionary(m => m.Groups["name"].Value, m => (D: m.Groups["d"].Value, Stroke: m.Groups["stroke"].Value, Dash: m.Groups["dash"].Value));
        Assert.Equal(["real", "low", "high"], series.Keys);
        Assert.NotEqual(series["low"].D, series["high"].D);
        Assert.NotEqual(series["low"].Dash, series["high"].Dash);
        Assert.Equal(string.Empty, series["real"].Dash);
        // Markers are drawn although the style's default draws none: round for real, two other shapes for the others.
        Assert.Equal(3, Regex.Count(svg, "class=\"markers\""));
        Assert.Contains("<g class=\"markers\" fill=\"#222222\">", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void A_condition_has_the_same_colour_on_the_chart_in_the_exported_figure_and_in_the_tables()
    {
        var spec = LearningCurveFigure.Build(EqualCurves, Order, BandMode.Std, logX: true, "Test BLEU", [1], null);
        var svg = SvgFigureWriter.Write(spec, new FigureStyle());
        var traces = LearningCurveChart.BuildTraces(EqualCurves, Order, BandMode.None, dark: false);

        var strokes = SeriesPaths().Matches(svg).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["stroke"].Value);
        foreach (var condition in Order)
        {
            var colour = ConditionStyles.ColorOf(condition, Order);
            Assert.Equal(colour, strokes[condition]);
            Assert.Equal(colour, traces.Single(t => t.Name == condition).Line.Color);
            Assert.Equal(colour, ConditionPalette.ColorOf(condition, Order));
        }
    }

    [Fact]
    public void A_palette_chosen_for_print_still_colours_conditions_by_their_stable_slot()
    {
        var spec = LearningCurveFigure.Build(EqualCurves.Skip(1).ToList(), Order, BandMode.None, logX: true, "Test BLEU", [1], null);

        var strokes = SeriesPaths().Matches(SvgFigureWriter.Write(spec, new FigureStyle { Palette = FigurePalette.Greyscale }))
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["stroke"].Value);

        // Without "real" drawn, "low" keeps slot 1 and "high" slot 2 of the greyscale ramp.
        Assert.Equal(FigureColors.Color(FigurePalette.Greyscale, 1), strokes["low"]);
        Assert.Equal(FigureColors.Color(FigurePalette.Greyscale, 2), strokes["high"]);
    }

    [GeneratedRegex("<path class=\"series\" d=\"(?<d>[^\"]*)\" fill=\"none\" stroke=\"(?<stroke>[^\"]*)\" stroke-width=\"[^\"]*\"(?: stroke-dasharray=\"(?<dash>[^\"]*)\")? stroke-linejoin=\"round\"><title>(?<name>[^<]*)</title>")]
    private static partial Regex SeriesPaths();
}
