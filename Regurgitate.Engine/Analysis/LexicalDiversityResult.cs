namespace Regurgitate.Engine.Analysis;

/// <summary>
/// Every lexical-diversity statistic of one text side, with its parameters. Definitions (N tokens, V types, all on
/// <see cref="LexicalTokenizer"/> tokens of the sentences concatenated in the order given):
/// <list type="bullet">
/// <item><see cref="TypeTokenRatio"/> = V / N (length-dependent; compare at equal N, see <see cref="BudgetVocabularySize"/> and <see cref="BudgetTypeTokenRatio"/>).</item>
/// <item><see cref="Mattr"/>: mean TTR over every window of <see cref="LexicalDiversityOptions.MattrWindow"/>
/// consecutive tokens, moving one token at a time (Covington &amp; McFall 2010); TTR of the whole text if N is shorter.</item>
/// <item><see cref="Mtld"/>: N divided by the number of "factors" — stretches over which the running TTR stays above
/// the threshold — plus a partial factor (1 − TTR)/(1 − threshold) for the rest, averaged over the forward and
/// reversed text (McCarthy &amp; Jarvis 2010).</item>
/// <item><see cref="Hdd"/>: Σ over types of P(type drawn at least once in a random sample of s tokens without
/// replacement) / s, the hypergeometric expected TTR of an s-token sample (McCarthy &amp; Jarvis 2007, 2010); NaN if N &lt; s.</item>
/// <item><see cref="Distinct"/>[n−1]: distinct n-grams / all n-grams, n = 1..3, n-grams within sentences (Li et al. 2016).</item>
/// <item><see cref="Heaps"/>: types after k·N/points tokens; <see cref="HeapsBeta"/> the least-squares slope of ln V on ln N over those points.</item>
/// <item><see cref="ZipfSlope"/>: least-squares slope of log frequency on log rank over the <see cref="ZipfRanks"/> most frequent types (≈ −1 for Zipfian text; steeper = fewer, more repeated words).</item>
/// <item><see cref="GzipRatio"/>: gzip-compressed bytes / UTF-8 bytes of the raw sentences joined by newlines (System.IO.Compression, optimal level); lower = more repetitive.</item>
/// <item><see cref="SelfBleu"/>: mean sentence BLEU (sacreBLEU sentence-BLEU semantics: exp smoothing, effective order, max 4-grams) of each of a seeded sample of sentences against all other sampled sentences as references, on lexical tokens (Zhu et al. 2018); higher = more alike.</item>
/// </list>
/// </summary>
public sealed record LexicalDiversityResult
{
    public required string Tokenization { get; init; }
    public required LexicalDiversityOptions Options { get; init; }
    public required int Sentences { get; init; }
    public required long Tokens { get; init; }
    public required int VocabularySize { get; init; }
    public required double TypeTokenRatio { get; init; }

    /// <summary>Tokens of the budget statistics (min of the budget and <see cref="Tokens"/>); null without a budget.</summary>
    public long? BudgetTokens { get; init; }

    /// <summary>
    /// Expected vocabulary of a random sample of <see cref="BudgetTokens"/> tokens (rarefaction, Hurlbert 1971:
    /// Σ_types 1 − C(N−f, T)/C(N, T)); unlike a prefix it does not depend on which documents come first. HD-D is the
    /// same quantity at T = 42, divided by 42.
    /// </summary>
    public double? BudgetVocabularySize { get; init; }
    public double? BudgetTypeTokenRatio { get; init; }

    public required double Mattr { get; init; }
    public required double Mtld { get; init; }
    public required double MtldForward { get; init; }
    public required double MtldBackward { get; init; }
    public required double Hdd { get; init; }

    /// <summary>distinct-1, distinct-2, distinct-3.</summary>
    public required IReadOnlyList<double> Distinct { get; init; }
    public required IReadOnlyList<HeapsPoint> Heaps { get; init; }
    public required double HeapsBeta { get; init; }
    public required double ZipfSlope { get; init; }
    public required int ZipfRanks { get; init; }

    /// <summary>
    /// Rank–frequency points of the types the Zipf fit uses (ranks 1..<see cref="ZipfRanks"/>), for plotting: every
    /// rank when there are at most <see cref="LexicalDiversity.ZipfPlotPoints"/>, else that many log-spaced ranks
    /// (always the first and the last). Frequencies do not increase with rank.
    /// </summary>
    public IReadOnlyList<ZipfPoint> ZipfPoints { get; init; } = [];
    public required double GzipRatio { get; init; }
    public required double SelfBleu { get; init; }
    public required int SelfBleuSentences { get; init; }

    /// <summary>Coverage of the comparison vocabulary (null when none was given).</summary>
    public VocabularyCoverage? Coverage { get; init; }
}
