using Regurgitate.Workbench.Tables;

namespace Regurgitate.Workbench.Tests.Tables;

public sealed class TableTextTests
{
    [Fact]
    public void Latex_escapes_the_special_characters_and_writes_our_symbols_as_commands()
    {
        Assert.Equal("low $\\cdot$ quality: 7.0 $\\pm$ 0.4 \\& 50\\% \\textbackslash{}", TableText.EscapeLatex("low · quality: 7.0 ± 0.4 & 50% \\"));
        Assert.Equal("$\\Delta$ BLEU $-$1.2 [$-$3.0, 0.4] \\dag{}", TableText.EscapeLatex("Δ BLEU −1.2 [−3.0, 0.4] †"));
    }

    [Fact]
    public void Markdown_escapes_column_breaks_and_emphasis() =>
        Assert.Equal("a \\| b \\_c\\_ \\*d\\*", TableText.EscapeMarkdown("a | b _c_ *d*"));
}
