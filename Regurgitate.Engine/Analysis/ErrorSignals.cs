using System.Text;

namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Reference-free error signals of a German→English pair. Each is a cheap heuristic with known blind spots, meant to
/// be compared between sides (human references get the same treatment and give the baseline rate), not read as an
/// absolute error count:
/// <list type="bullet">
/// <item><b>Copied/untranslated</b>: share of target tokens (lowercased <see cref="LexicalTokenizer"/> tokens) that
/// also occur in the source, excluding tokens with a digit, tokens of one character, acronyms and mixed-case tokens
/// (EU, iPhone), capitalised source tokens that the target keeps capitalised (names such as Max Verstappen — so a
/// copied German sentence is caught by its lower-case words: verbs, function words) and a list of words spelled the
/// same in both languages (in, so, was, hotel, problem, …). Because a copied German sentence keeps its capitalised
/// nouns too, the pair is also flagged when the share counting those capitalised tokens reaches 0.8. Misses German
/// words the model inflected or half-translated.</item>
/// <item><b>Omission/addition</b>: target/source character-length ratio outside [0.5, 2.0] for sources of ≥ 20 characters.</item>
/// <item><b>Number mismatch</b>: multisets of numbers differ, after the normalisation of <see cref="Numbers"/>
/// (German 1.000 = English 1,000, German 1,5 = English 1.5, dates split into groups). Spelled-out numbers ("two"),
/// 24- to 12-hour times (19 Uhr → 7 pm), month names (01.09. → September 1) and converted units count as mismatches,
/// for human references as much as for systems.</item>
/// <item><b>Name mismatch</b>: German capitalises every noun, so source capitalisation alone is useless. Target names
/// = target tokens capitalised where English would not capitalise a common word (not first in the segment, not after
/// a sentence end, colon, quote or bracket), not in a small list of capitalised English words (I, weekdays, months,
/// languages/nationalities of the region); each must occur in the source (case-insensitive, also as a part of a
/// hyphenated compound or sharing a stem of ≥ 4 letters: Euro/Euros). Source names = acronyms and mixed-case
/// tokens (EU, NATO, iPhone, McDonald) that must occur in the target. Exonyms (München/Munich) and translated
/// institutions are false positives; lowercase names are missed.</item>
/// <item><b>Loop</b>: some token 3-gram occurs ≥ 3 times and more often than the source's most frequent 3-gram, or one
/// token repeats ≥ 4 times in a row.</item>
/// <item><b>Empty</b>: missing or whitespace-only target.</item>
/// <item><b>Non-English</b>: share of target tokens that are unambiguous German function words (der, und, nicht, …;
/// words that are also English such as die, was, also, will are left out) or contain ä, ö, ü, ß, at least 0.25.</item>
/// </list>
/// Thread-safe and allocation-light; about a microsecond per token.
/// </summary>
public static class ErrorSignals
{
    private static readonly char[] Dashes = ['-', '–', '—'];

    private static readonly System.Buffers.SearchValues<char> NonLetterPrefix = System.Buffers.SearchValues.Create("\"'„“”‚‘’»«([{-–—/");

    /// <summary>Signals of one pair; a null target is a failed generation (empty).</summary>
    public static PairErrorSignals Compute(string source, string? target, ErrorSignalOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        options ??= new ErrorSignalOptions();
        var sourceCased = LexicalTokenizer.TokenizeCased(source);
        var (targetCased, targetInitial) = LexicalTokenizer.TokenizeCasedWithBoundaries(target);
        var sourceLower = Lower(sourceCased);
        var targetLower = Lower(targetCased);
        var empty = string.IsNullOrWhiteSpace(target);
        var sourceChars = source.Trim().Length;
        var ratio = empty || sourceChars == 0 ? 0 : (double)target!.Trim().Length / sourceChars;
        var scratch = ErrorSignalScratch.ForThread();
        var (copied, copiedWithNames) = CopiedShares(sourceCased, sourceLower, targetCased, targetLower, scratch);
        var numbers = NumberMismatches(source, target ?? string.Empty);
        var names = NameMismatches(sourceCased, sourceLower, targetCased, targetInitial, targetLower, scratch);
        var (maxTrigram, run) = Repetition(targetLower, scratch);
        var sourceTrigram = Repetition(sourceLower, scratch).MaxTrigram;
        var german = GermanShare(targetLower);
        var enough = targetLower.Length >= options.MinTokensForShares;
        var judgeLength = !empty && sourceChars >= options.MinSourceCharsForLength;
        return new PairErrorSignals
        {
            Empty = empty,
            TargetTokens = targetLower.Length,
            CopiedShare = copied,
            CopiedShareWithNames = copiedWithNames,
            LengthRatio = ratio,
            NumberMismatches = numbers,
            NameMismatches = names,
            MaxTrigramRepeats = maxTrigram,
            LongestTokenRun = run,
            GermanShare = german,
            Untranslated = enough && (copied >= options.CopiedShareThreshold || copiedWithNames >= options.CopiedShareWithNamesThreshold),
            Omission = judgeLength && ratio < options.MinLengthRatio,
            Addition = judgeLength && ratio > options.MaxLengthRatio,
            NumberMismatch = !empty && numbers > 0,
            NameMismatch = !empty && names > 0,
            Loop = (maxTrigram >= options.LoopTrigramRepeats && maxTrigram > sourceTrigram) || run >= options.LoopTokenRun,
            NonEnglish = enough && german >= options.GermanShareThreshold,
        };
    }

    /// <summary>
    /// Numbers of a text, normalised: thousands separators removed ('.', ',' or a space before exactly three digits:
    /// 1.000 = 1,000 = 10 000 → 1000), any other '.'/',' between digits is the decimal mark ('.'), and a digit run with
    /// more than one such mark (a date such as 12.12.19 or 01.09.2004) is split into its groups; leading zeros of
    /// integer groups are dropped (01 = 1).
    /// </summary>
    public static IReadOnlyList<string> Numbers(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var numbers = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }

            var sb = new StringBuilder();
            while (i < text.Length)
            {
                if (char.IsAsciiDigit(text[i]))
                {
                    sb.Append(text[i++]);
                    continue;
                }

                var digits = 0;
                while (i + 1 + digits < text.Length && char.IsAsciiDigit(text[i + 1 + digits]))
                {
                    digits++;
                }

                if (text[i] is '.' or ',' && digits > 0)
                {
                    // Exactly three digits after the mark: a thousands group (1.000 / 1,000); otherwise a decimal mark.
                    if (digits != 3)
                    {
                        sb.Append('.');
                    }

                    i++;
                }
                else if (text[i] is ' ' or '\u00A0' or '\u202F' or '\u2009' && digits == 3)
                {
                    i++; // 10 000: a thin or plain space as thousands separator
                }
                else
                {
                    break;
                }
            }

            var number = sb.ToString();
            var parts = number.Split('.');
            if (parts.Length > 2)
            {
                numbers.AddRange(parts.Select(TrimZeros));
            }
            else
            {
                numbers.Add(parts.Length == 2 ? $"{TrimZeros(parts[0])}.{parts[1]}" : TrimZeros(number));
            }
        }

        return numbers;
    }

    private static string TrimZeros(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static string[] Lower(string[] tokens)
    {
        var lower = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            lower[i] = tokens[i].ToLowerInvariant();
        }

        return lower;
    }

    private static bool HasDigit(ReadOnlySpan<char> token)
    {
        foreach (var c in token)
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Acronyms and mixed-case tokens (an upper-case letter after the first character of a hyphen-separated part):
    /// names kept verbatim across languages. Part-wise, because German compounds such as Akku-Packs are not names.
    /// </summary>
    private static bool IsNameLikeInGerman(ReadOnlySpan<char> token)
    {
        // Parts as spans: splitting into strings for every source token of every pair was a tenth of an analysis's
        // allocations, and collections pause a training run in the same process (issue 19).
        foreach (var range in token.SplitAny(Dashes))
        {
            var part = token[range];

            // Upper case after the first letter: quotes or dashes glued to the front („Zuckerwürfel“, –Messwerkzeuge) do not count.
            var first = part.IndexOfAnyExcept(NonLetterPrefix);
            for (var i = first + 1; first >= 0 && i < part.Length; i++)
            {
                if (char.IsUpper(part[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The copied share without and with capitalised source tokens that the target keeps capitalised (names such as
    /// Max Verstappen): every source token copyable in the first sense is copyable in the second.
    /// </summary>
    private static (double Copied, double CopiedWithNames) CopiedShares(
        string[] sourceCased, string[] sourceLower, string[] targetCased, string[] targetLower, ErrorSignalScratch scratch)
    {
        if (targetLower.Length == 0)
        {
            return (0, 0);
        }

        var capitalisedInTarget = scratch.CapitalisedInTarget();
        foreach (var t in targetCased)
        {
            if (char.IsUpper(t[0]))
            {
                capitalisedInTarget.Add(t);
            }
        }

        var copyable = scratch.Copyable();
        var copyableWithNames = scratch.CopyableWithNames();
        for (var i = 0; i < sourceLower.Length; i++)
        {
            var t = sourceLower[i];
            if (t.Length > 1 && !HasDigit(t) && !ErrorSignalWords.SharedSpellings.Contains(t) && !IsNameLikeInGerman(sourceCased[i]))
            {
                copyableWithNames.Add(t);
                if (!capitalisedInTarget.Contains(sourceCased[i]))
                {
                    copyable.Add(t);
                }
            }
        }

        int copied = 0, copiedWithNames = 0;
        foreach (var t in targetLower)
        {
            copied += copyable.Contains(t) ? 1 : 0;
            copiedWithNames += copyableWithNames.Contains(t) ? 1 : 0;
        }

        return ((double)copied / targetLower.Length, (double)copiedWithNames / targetLower.Length);
    }

    private static int NumberMismatches(string source, string target)
    {
        if (!source.AsSpan().ContainsAnyInRange('0', '9') && !target.AsSpan().ContainsAnyInRange('0', '9'))
        {
            return 0;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var n in Numbers(source))
        {
            counts[n] = counts.GetValueOrDefault(n) + 1;
        }

        foreach (var n in Numbers(target))
        {
            counts[n] = counts.GetValueOrDefault(n) - 1;
        }

        return counts.Values.Sum(Math.Abs);
    }

    private static int NameMismatches(string[] sourceCased, string[] sourceLower, string[] targetCased, bool[] targetInitial, string[] targetLower, ErrorSignalScratch scratch)
    {
        var sourceWords = WordsAndParts(sourceLower, scratch.SourceWords());
        var targetWords = WordsAndParts(targetLower, scratch.TargetWords());
        var mismatches = 0;
        for (var i = 0; i < targetCased.Length; i++)
        {
            var t = targetCased[i];
            if (!targetInitial[i] && char.IsUpper(t[0]) && !HasDigit(t) && !ErrorSignalWords.CapitalisedEnglishWords.Contains(t) && !Mentions(sourceWords, targetLower[i]))
            {
                mismatches++;
            }
        }

        foreach (var token in sourceCased)
        {
            foreach (var range in token.AsSpan().SplitAny(Dashes))
            {
                var part = token.AsSpan(range);
                if (!part.IsEmpty && IsNameLikeInGerman(part) && !HasDigit(part) && !Mentions(targetWords, part.ToString().ToLowerInvariant()))
                {
                    mismatches++;
                }
            }
        }

        return mismatches;
    }

    /// <summary>Tokens plus the parts of hyphenated compounds (Bosch-Elektrowerkzeuge names Bosch).</summary>
    private static HashSet<string> WordsAndParts(string[] tokens, HashSet<string> words)
    {
        words.UnionWith(tokens);
        foreach (var t in tokens)
        {
            if (t.AsSpan().IndexOfAny(Dashes) >= 0)
            {
                words.UnionWith(t.Split(Dashes, StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return words;
    }

    /// <summary>
    /// Whether a name occurs among the other side's words: exactly, or as a shared stem of at least four letters
    /// (Euro/Euros, Berlin/Berliner, Merkel/Merkels) — inflection differs between the languages.
    /// </summary>
    private static bool Mentions(HashSet<string> words, string name)
    {
        if (words.Contains(name))
        {
            return true;
        }

        foreach (var w in words)
        {
            if (Math.Min(w.Length, name.Length) >= 4 && (w.StartsWith(name, StringComparison.Ordinal) || name.StartsWith(w, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static (int MaxTrigram, int LongestRun) Repetition(string[] tokens, ErrorSignalScratch scratch)
    {
        var run = tokens.Length == 0 ? 0 : 1;
        var longest = run;
        for (var i = 1; i < tokens.Length; i++)
        {
            run = string.Equals(tokens[i], tokens[i - 1], StringComparison.Ordinal) ? run + 1 : 1;
            longest = Math.Max(longest, run);
        }

        var max = 0;
        if (tokens.Length >= 3)
        {
            var counts = scratch.Trigrams();
            for (var i = 0; i + 3 <= tokens.Length; i++)
            {
                var key = (tokens[i], tokens[i + 1], tokens[i + 2]);
                var c = counts.GetValueOrDefault(key) + 1;
                counts[key] = c;
                max = Math.Max(max, c);
            }
        }

        return (max, longest);
    }

    private static double GermanShare(string[] targetLower)
    {
        if (targetLower.Length == 0)
        {
            return 0;
        }

        var german = 0;
        foreach (var t in targetLower)
        {
            if (ErrorSignalWords.GermanFunctionWords.Contains(t) || t.AsSpan().IndexOfAny("äöüß") >= 0)
            {
                german++;
            }
        }

        return (double)german / targetLower.Length;
    }
}
