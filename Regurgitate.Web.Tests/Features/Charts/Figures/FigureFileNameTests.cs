using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class FigureFileNameTests
{
    [Theory]
    [InlineData("real-vs-low-generator-test-bleu", "Real vs. low generator", "Test BLEU")]
    [InlineData("etc-passwd-test-chrf", "../etc/passwd", "Test chrF")]
    [InlineData("ubersetzung-c-windows-bleu", "Übersetzung: C:\\Windows", "BLEU")]
    [InlineData("run-12-loss", "run-12", null, "loss")]
    [InlineData("con-figure", "CON")]
    [InlineData("figure", "   ", "?*")]
    public void Names_carry_their_parts_and_are_safe_on_every_file_system(string expected, params string?[] parts) =>
        Assert.Equal(expected, FigureFileName.Of(parts));
}
