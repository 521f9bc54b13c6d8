using Plotly.Blazor.Traces;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Colors;
using Regurgitate.Workbench.Comparison;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class ColorPalettesTests
{
    [Fact]
    public void Conditions_runs_and_figures_take_their_colours_from_the_one_palette_source()
    {
        IReadOnlyList<string> order = [ConditionStyles.RealCondition, "gpt4", "nllb"];

        Assert.Equal(ColorPalettes.Reference(), ConditionStyles.ColorOf(ConditionStyles.RealCondition, order));
        Assert.Equal(ColorPalettes.Conditions[1], ConditionStyles.ColorOf("nllb", order));
        Assert.Equal(ColorPalettes.TolMuted[3], RunColors.ForRun(3));
        Assert.Equal(ColorPalettes.OkabeIto[2], FigureColors.Color(FigurePalette.OkabeIto, 2));
    }

    [Fact]
    public void An_exported_chart_keeps_each_conditions_dashboard_colour()
    {
        // Before, the export dropped the trace colours and recoloured the series by slot from another Okabe–Ito order,
        // so a condition was orange on the dashboard and blue in the exported figure.
        var color = ConditionStyles.ColorOf("gpt4", [ConditionStyles.RealCondition, "gpt4"]);
        var trace = new Scatter { Name = "gpt4", X = [1.0, 2.0], Y = [3.0, 4.0], Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = color } };

        var spec = FigureSpecs.FromTraces([trace], null, "x", "y", "f");

        Assert.Equal(color, Assert.Single(spec.Series).Color);
        Assert.Equal(color, FigureSeriesDrawing.Color(new FigureStyle(), spec.Series[0].Color, 0));
    }
}
