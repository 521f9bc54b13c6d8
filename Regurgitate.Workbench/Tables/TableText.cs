using System.Text;

namespace Regurgitate.Workbench.Tables;

/// <summary>Escaping shared by the Markdown and LaTeX (booktabs) table writers.</summary>
public static class TableText
{
    /// <summary>Cell text safe inside a Markdown pipe table (no emphasis, no column breaks, one line).</summary>
    public static string EscapeMarkdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
    }

    /// <summary>
    /// Text safe in LaTeX's text mode: the ten special characters escaped, line breaks as spaces, and the non-ASCII
    /// symbols our labels and cells use (· in strategy conditions, ± in mean ± sd, − in negative numbers, Δ in
    /// differences, † as a footnote mark) as LaTeX commands, since pdfLaTeX's default input encoding cannot read them.
    /// </summary>
    public static string EscapeLatex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\textbackslash{}",
                '&' or '%' or '$' or '#' or '_' or '{' or '}' => "\\" + c,
                '~' => "\\textasciitilde{}",
                '^' => "\\textasciicircum{}",
                '\n' => " ",
                '·' => "$\\cdot$",
                '±' => "$\\pm$",
                '−' => "$-$",
                'Δ' => "$\\Delta$",
                '†' => "\\dag{}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }
}
