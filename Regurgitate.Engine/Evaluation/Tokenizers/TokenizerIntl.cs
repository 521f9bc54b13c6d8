using System.Globalization;
using System.Text;

namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>
/// sacreBLEU's <c>intl</c> tokenizer (<c>TokenizerV14International</c>, mteval-v14 international). sacreBLEU runs
/// three <c>regex</c>-module substitutions over code points with \p{N}, \p{P}, \p{S}; .NET's Regex would see UTF-16
/// units and miss astral symbols such as emoji, so the substitutions are scans over code points using the same
/// general categories.
/// </summary>
public sealed class TokenizerIntl : IBleuTokenizer
{
    public string Signature => "intl";

    public string Tokenize(string line)
    {
        var cps = PyText.CodePoints(line);
        var buffer = new List<int>(cps.Length * 2);

        // (\P{N})(\p{P}) -> "\1 \2 "
        cps = ReplacePairs(cps, buffer, static c => !IsNumber(c), IsPunctuation, spaceBefore: false, spaceAfter: true);

        // (\p{P})(\P{N}) -> " \1 \2"
        cps = ReplacePairs(cps, buffer, IsPunctuation, static c => !IsNumber(c), spaceBefore: true, spaceAfter: false);

        // (\p{S}) -> " \1 "
        buffer.Clear();
        foreach (var c in cps)
        {
            if (IsSymbol(c))
            {
                buffer.Add(' ');
                buffer.Add(c);
                buffer.Add(' ');
            }
            else
            {
                buffer.Add(c);
            }
        }

        var sb = new StringBuilder(buffer.Count + 8);
        foreach (var c in buffer)
        {
            if (c > 0xFFFF)
            {
                sb.Append(char.ConvertFromUtf32(c));
            }
            else
            {
                sb.Append((char)c);
            }
        }

        return PyText.NormalizeSpaces(sb.ToString());
    }

    private static UnicodeCategory Category(int codePoint) =>
        codePoint is >= 0xD800 and <= 0xDFFF ? UnicodeCategory.Surrogate : CharUnicodeInfo.GetUnicodeCategory(codePoint);

    private static bool IsNumber(int c) => Category(c) is UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    private static bool IsPunctuation(int c) => Category(c) is UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
        or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation;

    private static bool IsSymbol(int c) => Category(c) is UnicodeCategory.MathSymbol
        or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol;

    private static int[] ReplacePairs(
        int[] cps, List<int> buffer, Func<int, bool> first, Func<int, bool> second, bool spaceBefore, bool spaceAfter)
    {
        buffer.Clear();
        var i = 0;
        while (i < cps.Length)
        {
            if (i + 1 < cps.Length && first(cps[i]) && second(cps[i + 1]))
            {
                if (spaceBefore)
                {
                    buffer.Add(' ');
                }

                buffer.Add(cps[i]);
                buffer.Add(' ');
                buffer.Add(cps[i + 1]);
                if (spaceAfter)
                {
                    buffer.Add(' ');
                }

                i += 2;
            }
            else
            {
                buffer.Add(cps[i]);
                i++;
            }
        }

        return [.. buffer];
    }
}
