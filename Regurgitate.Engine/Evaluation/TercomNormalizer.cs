using System.Text;
using Regurgitate.Engine.Evaluation.Tokenizers;

namespace Regurgitate.Engine.Evaluation;

/// <summary>sacreBLEU's <c>TercomTokenizer</c> without Asian support.</summary>
internal sealed class TercomNormalizer(TerOptions options)
{
    public string Normalize(string sentence)
    {
        if (sentence.Length == 0)
        {
            return string.Empty;
        }

        if (!options.CaseSensitive)
        {
            sentence = PyText.Lower(sentence);
        }

        if (options.Normalized)
        {
            sentence = NormalizeGeneralAndWestern(sentence);
        }

        if (options.NoPunct)
        {
            sentence = RemovePunctuation(sentence);
        }

        return PyText.NormalizeSpaces(sentence);
    }

    private static string NormalizeGeneralAndWestern(string sentence)
    {
        sentence = sentence.Replace("\n-", string.Empty, StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal)
            .Replace("&quot;", "\"", StringComparison.Ordinal)
            .Replace("&amp;", "&", StringComparison.Ordinal)
            .Replace("&lt;", "<", StringComparison.Ordinal)
            .Replace("&gt;", ">", StringComparison.Ordinal);
        sentence = MtevalRules.SeparateSymbols(sentence);

        // Tercom's "'s$" rule cannot fire: the padded line always ends in spaces.
        sentence = sentence.Replace("'s ", " 's ", StringComparison.Ordinal);
        return MtevalRules.SplitPeriodsCommasAndDashes(sentence);
    }

    private static string RemovePunctuation(string sentence)
    {
        var sb = new StringBuilder(sentence.Length);
        foreach (var c in sentence)
        {
            if (c is not ('.' or ',' or '?' or ':' or ';' or '!' or '"' or '(' or ')'))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
