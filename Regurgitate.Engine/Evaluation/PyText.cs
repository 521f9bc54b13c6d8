using System.Text;

namespace Regurgitate.Engine.Evaluation;

/// <summary>
/// The few Python <c>str</c> operations sacreBLEU relies on, reproduced bit for bit: .NET's notions of whitespace
/// and lowercasing differ from CPython's in small ways that change token boundaries and therefore scores.
/// </summary>
internal static class PyText
{
    [ThreadStatic]
    private static List<Range>? splitScratch;

    /// <summary>CPython's <c>str.isspace</c>: unlike <see cref="char.IsWhiteSpace(char)"/> it includes U+001C..U+001F.</summary>
    public static bool IsSpace(char c) => c switch
    {
        >= '\t' and <= '\r' => true,
        >= '\u001C' and <= ' ' => true,
        '\u0085' or '\u00A0' or '\u1680' => true,
        >= '\u2000' and <= '\u200A' => true,
        '\u2028' or '\u2029' or '\u202F' or '\u205F' or '\u3000' => true,
        _ => false,
    };

    public static bool HasSpace(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (IsSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>str.split()</c> without arguments, reporting each token as (start, length) into <paramref name="text"/>.</summary>
    public static void SplitRanges(ReadOnlySpan<char> text, List<Range> tokens)
    {
        tokens.Clear();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !IsSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(new Range(start, i));
            }
        }
    }

    public static List<string> Split(string text)
    {
        var ranges = new List<Range>();
        SplitRanges(text, ranges);
        var result = new List<string>(ranges.Count);
        foreach (var r in ranges)
        {
            result.Add(text[r]);
        }

        return result;
    }

    /// <summary><c>' '.join(text.split())</c>.</summary>
    public static string NormalizeSpaces(string text)
    {
        var ranges = splitScratch ??= [];
        SplitRanges(text, ranges);
        var sb = StringBuilderCache.Acquire(text.Length);
        foreach (var range in ranges)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            sb.Append(text.AsSpan()[range]);
        }

        return StringBuilderCache.GetStringAndRelease(sb);
    }

    /// <summary><c>''.join(text.split())</c>: all whitespace removed.</summary>
    public static string RemoveSpaces(string text)
    {
        if (!HasSpace(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsSpace(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static string RStrip(string text)
    {
        var end = text.Length;
        while (end > 0 && IsSpace(text[end - 1]))
        {
            end--;
        }

        return end == text.Length ? text : text[..end];
    }

    /// <summary>
    /// CPython's <c>str.lower()</c>. Per code point it equals invariant lowering except for U+0130, which expands to
    /// "i̇"; capital sigma becomes final sigma by the Unicode Final_Sigma context rule.
    /// </summary>
    public static string Lower(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var value = CodePointAt(text, i, out var width);
            if (value == 0x130)
            {
                sb.Append("i\u0307");
            }
            else if (value == 0x3A3)
            {
                sb.Append(IsFinalSigma(text, i) ? '\u03C2' : '\u03C3');
            }
            else if (width == 1)
            {
                sb.Append(char.ToLowerInvariant(text[i]));
            }
            else
            {
                sb.Append(Rune.ToLowerInvariant(new Rune(value)).ToString());
            }

            i += width;
        }

        return sb.ToString();
    }

    /// <summary>Code points of <paramref name="text"/>: Python indexes strings by code point, not UTF-16 unit.</summary>
    public static int[] CodePoints(string text)
    {
        var result = new int[text.Length];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                result[n++] = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }
            else
            {
                result[n++] = c;
            }
        }

        return n == result.Length ? result : result[..n];
    }

    private static bool IsFinalSigma(string text, int index)
    {
        var j = index;
        var before = -1;
        while (j > 0)
        {
            var cp = CodePointBefore(text, j, out var w);
            j -= w;
            if (!PythonCaseTables.IsCaseIgnorable(cp))
            {
                before = cp;
                break;
            }
        }

        if (before < 0 || !PythonCaseTables.IsCased(before))
        {
            return false;
        }

        j = index + 1;
        while (j < text.Length)
        {
            var cp = CodePointAt(text, j, out var w);
            if (!PythonCaseTables.IsCaseIgnorable(cp))
            {
                return !PythonCaseTables.IsCased(cp);
            }

            j += w;
        }

        return true;
    }

    /// <summary>A lone surrogate counts as one code point, as in a Python string.</summary>
    public static int CodePointAt(string text, int index, out int width)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(c, text[index + 1]);
        }

        width = 1;
        return c;
    }

    private static int CodePointBefore(string text, int end, out int width)
    {
        var low = text[end - 1];
        if (char.IsLowSurrogate(low) && end >= 2 && char.IsHighSurrogate(text[end - 2]))
        {
            width = 2;
            return char.ConvertToUtf32(text[end - 2], low);
        }

        width = 1;
        return low;
    }
}
