using System.Xml.Linq;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Charts.Export;
using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

/// <summary>The BLEU-by-generation paper figure: both policies' lines, error bars, generation ticks with 0 as "real".</summary>
public sealed class GenerationCurveFigureTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly IReadOnlyList<GenerationCurvePoint> Points =
    [
        .. Shared(GenerationPolicy.Replace),
        new(GenerationPolicy.Replace, 2_000, 2, "gen2-replace", 20.0, 1.0, 3),
        new(GenerationPolicy.Replace, 2_000, 3, "gen3-replace", 15.0, 1.5, 3),
        .. Shared(GenerationPolicy.Accumulate),
        new(GenerationPolicy.Accumulate, 2_000, 2, "gen2-accumulate", 24.0, 0.8, 3),
        new(GenerationPolicy.Accumulate, 2_000, 3, "gen3-accumulate", 23.0, 0.7, 1),
    ];

    [Fact]
    public void The_SVG_draws_both_policies_with_error_bars_and_labels_generation_zero_real()
    {
        var figure = GenerationCurveFigure.Build(Points, [1, 2, 3], "nrefs:1|case:mixed", "multi30k: iterated generations");
        var root = XDocument.Parse(SvgFigureWriter.Write(figure, new FigureStyle())).Root!;

        var series = root.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "series").ToList();
        Assert.Equal(["replace", "accumulate"], series.Select(p => p.Element(Svg + "title")!.Value));
        // One error-bar path per line, in its line's colour.
        Assert.Equal(
            series.Select(p => (string?)p.Attribute("stroke")),
            root.Descendants(Svg + "path").Where(p => (string?)p.Attribute("class") == "error-bars").Select(p => (string?)p.Attribute("stroke")));
        Assert.DoesNotContain(root.Descendants(Svg + "path"), p => (string?)p.Attribute("class") == "band");
        Assert.Equal(["replace", "accumulate"], root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "legend-label").Select(t => t.Value));
        Assert.Equal(["real", "1", "2", "3"], root.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "tick-label").Select(t => t.Value).Take(4));
        Assert.Equal("multi30k-iterated-generations-test-bleu-by-generation", figure.FileName);
        Assert.Contains("Mean over 3 seeds (1, 2, 3).", figure.Caption, StringComparison.Ordinal);
        Assert.Contains("none where a point has one seed", figure.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public void The_CSV_has_every_point_of_both_lines_with_its_band_sd_and_seeds()
    {
        var csv = FigureCsv.Build(GenerationCurveFigure.Build(Points, [1, 2, 3], null));
        var lines = csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Equal("series,x,y,lower,upper,sd,seeds", lines[0]);
        Assert.Equal(8, lines.Count - 1);
        Assert.Contains("replace,0,30,29.5,30.5,0.5,3", lines);
        Assert.Contains("accumulate,0,30,29.5,30.5,0.5,3", lines);
        Assert.Contains("accumulate,3,23,,,,1", lines);
    }

    private static IEnumerable<GenerationCurvePoint> Shared(GenerationPolicy policy) =>
    [
        new(policy, 2_000, 0, "real", 30.0, 0.5, 3),
        new(policy, 2_000, 1, "gen1", 25.0, 0.75, 3),
    ];
}
