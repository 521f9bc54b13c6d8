using Regurgitate.Engine.Evaluation.Tokenizers;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// The one word tokenization behind every lexical statistic in <c>Analysis/</c> (diversity, divergence, error
/// signals), so that numbers from different metrics count the same "words":
/// <list type="number">
/// <item>sacreBLEU's <c>13a</c> tokenizer (mteval-v13a: symbols split off; periods and commas split unless between
/// digits, so <c>1,000</c> and <c>3.5</c> stay whole; hyphens inside words kept);</item>
/// <item>split on spaces;</item>
/// <item>tokens without any letter or digit (pure punctuation) dropped — they would inflate token counts equally
/// for every side and dilute type–token statistics;</item>
/// <item>lowercased with the invariant culture (<see cref="Tokenize"/>), so sentence-initial capitals do not create
/// new types; <see cref="TokenizeCased"/> keeps the case for the name heuristics of <see cref="ErrorSignals"/>.</item>
/// </list>
/// Thread-safe: the 13a tokenizer holds no state.
/// </summary>
public static class LexicalTokenizer
{
    private static readonly Tokenizer13a Mteval = new();

    /// <summary>Human-readable description recorded with every result.</summary>
    public const string Description = "sacreBLEU 13a, lowercased, punctuation-only tokens dropped";

    /// <summary>Lowercased word tokens of one segment.</summary>
    public static string[] Tokenize(string? text) => Split(text, lowercase: true);

    /// <summary>Word tokens with their original case.</summary>
    public static string[] TokenizeCased(string? text) => Split(text, lowercase: false);

    /// <summary>
    /// Cased word tokens, each marked as "initial" when it starts the text or follows a punctuation token other than a
    /// comma (sentence ends, colons, quotes, brackets, dashes): there English capitalises any word, so capitals there
    /// say nothing about names. Segments often hold several sentences.
    /// </summary>
    public static (string[] Tokens, bool[] Initial) TokenizeCasedWithBoundaries(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], []);
        }

        var tokens = new List<string>();
        var initial = new List<bool>();
        var boundary = true;
        foreach (var part in Mteval.Tokenize(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (IsWordToken(part))
            {
                tokens.Add(part);
                initial.Add(boundary);
                boundary = false;
            }
            else if (part != ",")
            {
                boundary = true;
            }
        }

        return ([.. tokens], [.. initial]);
    }

    /// <summary>True when the token has at least one letter or digit.</summary>
    public static bool IsWordToken(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (char.IsLetterOrDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Split(string? text, bool lowercase)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var tokenized = Mteval.Tokenize(text);
        var parts = tokenized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var count = 0;
        foreach (var part in parts)
        {
            if (IsWordToken(part))
            {
                parts[count++] = lowercase ? part.ToLowerInvariant() : part;
            }
        }

        Array.Resize(ref parts, count);
        return parts;
    }
}
