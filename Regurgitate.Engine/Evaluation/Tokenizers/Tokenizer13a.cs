namespace Regurgitate.Engine.Evaluation.Tokenizers;

/// <summary>
/// sacreBLEU's default <c>13a</c> tokenizer (mteval-v13a.pl): entity unescaping, then sacreBLEU's
/// <c>TokenizerRegexp</c> rules (see <c>MtevalRules</c>) on the line padded with spaces.
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

        var text = MtevalRules.SeparateSymbols(line);

        text = MtevalRules.SplitPeriodsCommasAndDashes(text);
        return PyText.NormalizeSpaces(text);
    }
}
