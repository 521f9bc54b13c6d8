using System.Text;

namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>
/// The Western tokenization rules shared by mteval-v13a (BLEU's <c>13a</c>) and Tercom's normalizer, as hand-written
/// scans with the left-to-right, non-overlapping semantics of Python's <c>re.sub</c>. The patterns are ASCII-only,
/// so scanning UTF-16 units yields the same text as Python scanning code points.
/// </summary>
internal static class MtevalRules
{
    /// <summary>The three period/comma/dash substitutions that follow symbol separation.</summary>
    public static string SplitPeriodsCommasAndDashes(string text)
    {
        // ([^0-9])([\.,]) -> "\1 \2 "
        text = ReplacePairs(text, static c => !IsDigit(c), IsPeriodOrComma, spaceBefore: false, spaceAfter: true);

        // ([\.,])([^0-9]) -> " \1 \2"
        text = ReplacePairs(text, IsPeriodOrComma, static c => !IsDigit(c), spaceBefore: true, spaceAfter: false);

        // ([0-9])(-) -> "\1 \2 "
        return ReplacePairs(text, IsDigit, static c => c == '-', spaceBefore: false, spaceAfter: true);
    }

    /// <summary><c>([\{-\~\[-\` -\&amp;\(-\+\:-\@\/])</c> -> <c>" \1 "</c>, applied to <c>f" {line} "</c>.</summary>
    public static string SeparateSymbols(string line)
    {
        var sb = StringBuilderCache.Acquire((line.Length * 3) + 6);
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
        return StringBuilderCache.GetStringAndRelease(sb);
    }

    public static bool IsSymbol(char c) =>
        c is (>= '{' and <= '~') or (>= '[' and <= '`') or (>= ' ' and <= '&') or (>= '(' and <= '+')
            or (>= ':' and <= '@') or '/';

    public static bool IsDigit(char c) => c is >= '0' and <= '9';

    public static bool IsPeriodOrComma(char c) => c is '.' or ',';

    public static string ReplacePairs(
        string text, Func<char, bool> first, Func<char, bool> second, bool spaceBefore, bool spaceAfter)
    {
        StringBuilder? sb = null;
        var copied = 0;
        var i = 0;
        while (i + 1 < text.Length)
        {
            if (first(text[i]) && second(text[i + 1]))
            {
                sb ??= StringBuilderCache.Acquire(text.Length + 16);
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
        return StringBuilderCache.GetStringAndRelease(sb);
    }
}
