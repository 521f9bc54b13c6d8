using System.Text;

namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>
/// sacreBLEU's default <c>13a</c> tokenizer (mteval-v13a.pl). The four regular expressions of sacreBLEU's
/// <c>TokenizerRegexp</c> are applied as hand-written scans with identical left-to-right, non-overlapping semantics;
/// they are ASCII-only, so scanning UTF-16 units gives the same text as Python scanning code points.
/// </summary>
public sealed class Tokenizer13a : IBleuTokenizer
{
    public string Signature => "13a";

    public string Tokenize(string line)
    {
        line = line.Replace("<skipped>", string.Empty, StringComparison.Ordinal)
            .Replace("-\n", string.Empty, StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);
        if (line.Contains('&', StringComparison.Ordinal))
        {
            line = line.Replace("&quot;", "\"", StringComparison.Ordinal)
                .Replace("&amp;", "&", StringComparison.Ordinal)
                .Replace("&lt;", "<", StringComparison.Ordinal)
                .Replace("&gt;", ">", StringComparison.Ordinal);
        }

        var text = SeparateSymbols(line);

        // ([^0-9])([\.,]) -> "\1 \2 "
        text = ReplacePairs(text, static c => !IsDigit(c), IsPeriodOrComma, spaceBefore: false, spaceAfter: true);

        // ([\.,])([^0-9]) -> " \1 \2"
        text = ReplacePairs(text, IsPeriodOrComma, static c => !IsDigit(c), spaceBefore: true, spaceAfter: false);

        // ([0-9])(-) -> "\1 \2 "
        text = ReplacePairs(text, IsDigit, static c => c == '-', spaceBefore: false, spaceAfter: true);

        return PyText.NormalizeSpaces(text);
    }

    /// <summary><c>([\{-\~\[-\` -\&amp;\(-\+\:-\@\/])</c> -> <c>" \1 "</c>, applied to <c>f" {line} "</c>.</summary>
    private static string SeparateSymbols(string line)
    {
        var sb = new StringBuilder((line.Length * 2) + 2);
        sb.Append("   ");
        foreach (var c in line)
        {
            if (IsSymbol(c))
            {
                sb.Append(' ').Append(c).Append(' ');
            }
            else
            {
                sb.Append(c);
            }
        }

        sb.Append("   ");
        return sb.ToString();
    }

    private static bool IsSymbol(char c) =>
        c is (>= '{' and <= '~') or (>= '[' and <= '`') or (>= ' ' and <= '&') or (>= '(' and <= '+')
            or (>= ':' and <= '@') or '/';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsPeriodOrComma(char c) => c is '.' or ',';

    private static string ReplacePairs(
        string text, Func<char, bool> first, Func<char, bool> second, bool spaceBefore, bool spaceAfter)
    {
        StringBuilder? sb = null;
        var copied = 0;
        var i = 0;
        while (i + 1 < text.Length)
        {
            if (first(text[i]) && second(text[i + 1]))
            {
                sb ??= new StringBuilder(text.Length + 16);
                sb.Append(text, copied, i - copied);
                if (spaceBefore)
                {
                    sb.Append(' ');
                }

                sb.Append(text[i]).Append(' ').Append(text[i + 1]);
                if (spaceAfter)
                {
                    sb.Append(' ');
                }

                i += 2;
                copied = i;
            }
            else
            {
                i++;
            }
        }

        if (sb is null)
        {
            return text;
        }

        sb.Append(text, copied, text.Length - copied);
        return sb.ToString();
    }
}
