using Regurgitate.Web.Features.Charts.Figures;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

/// <summary>
/// The writers' exact output for a small figure, against files checked in beside this test. After an intended change
/// to the layout or the writers, regenerate them with <c>REGURGITATE_UPDATE_GOLDEN=1</c> and look at the diff.
/// </summary>
public sealed class FigureGoldenTests
{
    private static readonly FigureStyle Style = new() { Markers = true, Legend = LegendPosition.BottomRight };

    [Fact]
    public void The_SVG_of_a_small_figure_is_byte_for_byte_the_golden_file() =>
        AssertGolden("learning-curve.svg", SvgFigureWriter.WriteBytes(FigureSamples.LearningCurves(), Style));

    [Fact]
    public void The_PDF_of_a_small_figure_is_byte_for_byte_the_golden_file() =>
        AssertGolden("learning-curve.pdf", PdfFigureWriter.Write(FigureSamples.LearningCurves(), Style));

    [Fact]
    public void Writing_the_same_figure_twice_gives_identical_bytes()
    {
        Assert.Equal(PdfFigureWriter.Write(FigureSamples.LossCurve(), new FigureStyle()), PdfFigureWriter.Write(FigureSamples.LossCurve(), new FigureStyle()));
        Assert.Equal(SvgFigureWriter.Write(FigureSamples.LossCurve(), new FigureStyle()), SvgFigureWriter.Write(FigureSamples.LossCurve(), new FigureStyle()));
    }

    private static void AssertGolden(string name, byte[] actual)
    {
        var path = Path.Combine(RepositoryPaths.SolutionRoot, "Regurgitate.Web.Tests", "Features", "Charts", "Figures", "Golden", name);
        if (Environment.GetEnvironmentVariable("REGURGITATE_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(path, actual);
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing; run once with REGURGITATE_UPDATE_GOLDEN=1.");
        var expected = File.ReadAllBytes(path);
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var at = 0;
            while (at < Math.Min(expected.Length, actual.Length) && expected[at] == actual[at])
            {
                at++;
            }

            Assert.Fail($"{name} differs from the golden file at byte {at} (expected {expected.Length} bytes, got {actual.Length}).");
        }
    }
}
