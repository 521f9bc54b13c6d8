using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class LexicalDiversityTests
{
    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Tokenizer_splits_punctuation_drops_it_and_lowercases()
    {
        Assert.Equal(["the", "eu", "paid", "1,000", "euros", "on", "3.5", "days", "well-known"], LexicalTokenizer.Tokenize("The EU paid 1,000 euros (on 3.5 days) — well-known!"));
        Assert.Equal(["The", "EU", "left"], LexicalTokenizer.TokenizeCased("The EU left."));
        Assert.Empty(LexicalTokenizer.Tokenize("  ...  "));
        Assert.Empty(LexicalTokenizer.Tokenize(null));
    }

    [Fact]
    public void Published_values_of_the_LexicalRichness_package()
    {
        // The reference values of LexicalRichness's test suite (LSYS/LexicalRichness, tests/test_lexicalrichness.py)
        // for "TEST text with some text numbers 42, hyphen-here, and text punctuations." after its preprocessing
        // (lowercase, digits and punctuation removed, hyphenated words joined) — these ten tokens.
        var tokens = Words("test text with some text numbers hyphenhere and text punctuations");
        Assert.Equal(0.8, LexicalDiversity.TypeTokenRatio(tokens), 12);
        Assert.Equal(0.9, LexicalDiversity.MovingAverageTypeTokenRatio(tokens, 5), 12);
        Assert.Equal(1.0, LexicalDiversity.MovingAverageTypeTokenRatio(tokens, 1), 12);
        Assert.Equal(14.000000000000004, LexicalDiversity.Mtld(tokens, 0.72), 12);
        Assert.Equal(0.8833333333333332, LexicalDiversity.Hdd(tokens, 5), 12);

        // Its convention for a text whose TTR never falls: MTLD = number of words.
        Assert.Equal(7.0, LexicalDiversity.Mtld(Words("only unique terms in this little string")), 12);
    }

    [Fact]
    public void Type_token_ratio_by_hand()
    {
        Assert.Equal(3.0 / 5, LexicalDiversity.TypeTokenRatio(Words("a b a c a")), 12);
        Assert.Equal(0, LexicalDiversity.TypeTokenRatio([]));
    }

    [Fact]
    public void Mattr_by_hand_and_by_brute_force()
    {
        // Windows of 2 over "a b a c": ab, ba, ac -> all TTR 1. Windows of 3: aba (2/3), bac (1) -> 5/6.
        Assert.Equal(1.0, LexicalDiversity.MovingAverageTypeTokenRatio(Words("a b a c"), 2), 12);
        Assert.Equal(5.0 / 6, LexicalDiversity.MovingAverageTypeTokenRatio(Words("a b a c"), 3), 12);

        // Shorter than the window: plain TTR (Covington & McFall's convention for short texts).
        Assert.Equal(2.0 / 3, LexicalDiversity.MovingAverageTypeTokenRatio(Words("a b a"), 50), 12);

        var text = Words("the cat sat on the mat and the dog sat on the cat while a bird sang on a tree");
        for (var window = 1; window <= text.Length; window++)
        {
            var expected = Enumerable.Range(0, text.Length - window + 1)
                .Average(start => (double)text.Skip(start).Take(window).Distinct().Count() / window);
            Assert.Equal(expected, LexicalDiversity.MovingAverageTypeTokenRatio(text, window), 12);
        }
    }

    [Fact]
    public void Mtld_follows_McCarthy_and_Jarvis_factor_counting()
    {
        // "a a b b": TTR falls to 1/2 at token 2 and again at token 4 -> 2 full factors, no remainder: 4 / 2 = 2 both ways.
        Assert.Equal(2.0, LexicalDiversity.Mtld(Words("a a b b")), 12);

        // "a b c a": TTR 1, 1, 1, 0.75 never reaches 0.72 -> partial factor (1 - 0.75) / (1 - 0.72).
        var partial = 0.25 / 0.28;
        Assert.Equal(4 / partial, LexicalDiversity.MtldOneDirection(Words("a b c a"), 0.72, reverse: false), 12);

        // "a b c c b a d" forward: TTR 1, 1, 1, .75, .6 -> a factor at token 5; "a d" keeps TTR 1 (no remainder) -> 7 / 1.
        // Backward "d a b c c b a": 1, 1, 1, 1, .8, .667 -> a factor at token 6; "a" has TTR 1 -> 7 / 1.
        Assert.Equal(7.0, LexicalDiversity.MtldOneDirection(Words("a b c c b a d"), 0.72, reverse: false), 12);
        Assert.Equal(7.0, LexicalDiversity.MtldOneDirection(Words("a b c c b a d"), 0.72, reverse: true), 12);

        // "a b a b c d" forward: 1, 1, 2/3 -> a factor at token 3, then "b c d" keeps TTR 1 -> 6 / 1.
        Assert.Equal(6.0, LexicalDiversity.MtldOneDirection(Words("a b a b c d"), 0.72, reverse: false), 12);

        // A text whose TTR stays 1 has no factor: MTLD falls back to the text length.
        Assert.Equal(3.0, LexicalDiversity.Mtld(Words("x y z")), 12);

        // More repetitive text has lower MTLD.
        Assert.True(LexicalDiversity.Mtld(Words(string.Join(' ', Enumerable.Repeat("the cat sat", 20))))
            < LexicalDiversity.Mtld(Words(string.Join(' ', Enumerable.Range(0, 60).Select(i => $"w{i % 40}")))));
    }

    [Fact]
    public void Hdd_is_the_expected_ttr_of_a_random_sample()
    {
        // "a a b c", sample 2: P(a drawn) = 1 - (2/4)(1/3) = 5/6; P(b) = P(c) = 1 - (3/4)(2/3) = 1/2 -> (5/6 + 1) / 2 = 11/12.
        Assert.Equal(11.0 / 12, LexicalDiversity.Hdd(Words("a a b c"), 2), 12);

        // Brute force over every 3-token subset of a 9-token text.
        var text = Words("a b a c a b d e a");
        var subsets = Subsets(text.Length, 3).ToList();
        var expected = subsets.Average(s => (double)s.Select(i => text[i]).Distinct().Count() / 3);
        Assert.Equal(expected, LexicalDiversity.Hdd(text, 3), 12);

        Assert.True(double.IsNaN(LexicalDiversity.Hdd(Words("a b"), 42)));
    }

    [Fact]
    public void Rarefied_vocabulary_is_the_expected_type_count_of_a_random_sample()
    {
        var text = Words("a b a c a b d e a");
        for (var size = 1; size <= 4; size++)
        {
            var expected = Subsets(text.Length, size).Average(s => (double)s.Select(i => text[i]).Distinct().Count());
            Assert.Equal(expected, LexicalDiversity.RarefiedVocabulary(text, size), 12);
        }

        Assert.Equal(5, LexicalDiversity.RarefiedVocabulary(text, text.Length), 12);
    }

    [Fact]
    public void Distinct_n_counts_within_sentences()
    {
        string[][] sentences = [Words("a b a"), Words("a b")];
        Assert.Equal(2.0 / 5, LexicalDiversity.Distinct(sentences, 1), 12);
        Assert.Equal(2.0 / 3, LexicalDiversity.Distinct(sentences, 2), 12); // ab, ba, ab (no "a a" across the boundary)
        Assert.Equal(1.0, LexicalDiversity.Distinct(sentences, 3), 12);
    }

    [Fact]
    public void Heaps_curve_counts_types_at_even_steps()
    {
        var curve = LexicalDiversity.HeapsCurve(Words("a b a c a b d e"), 4);
        Assert.Equal([new HeapsPoint(2, 2), new HeapsPoint(4, 3), new HeapsPoint(6, 3), new HeapsPoint(8, 5)], curve);
    }

    [Fact]
    public void Zipf_slope_of_a_zipfian_text_is_minus_one()
    {
        // Type r occurs round(5000 / r) times.
        var tokens = Enumerable.Range(1, 500).SelectMany(r => Enumerable.Repeat($"w{r}", (int)Math.Round(5000.0 / r))).ToArray();
        Assert.Equal(-1.0, LexicalDiversity.ZipfSlope(tokens, 500), 2);

        // Frequency ∝ r^-2 gives -2.
        var steep = Enumerable.Range(1, 50).SelectMany(r => Enumerable.Repeat($"w{r}", (int)Math.Round(100000.0 / (r * r)))).ToArray();
        Assert.Equal(-2.0, LexicalDiversity.ZipfSlope(steep, 50), 1);
    }

    [Fact]
    public void Zipf_points_are_the_fitted_ranks_with_non_increasing_frequency()
    {
        // 40 types (fewer than the plot's points): every rank is a point, and the points give the fitted slope.
        var tokens = Enumerable.Range(1, 40).SelectMany(r => Enumerable.Repeat($"w{r}", (int)Math.Round(900.0 / Math.Pow(r, 1.3)) + (r % 3))).ToArray();
        var result = LexicalDiversity.Measure([string.Join(' ', tokens)], new LexicalDiversityOptions { ZipfTopRanks = 1000 });
        var points = result.ZipfPoints;
        Assert.Equal(Enumerable.Range(1, 40), points.Select(p => p.Rank));
        Assert.All(points.Zip(points.Skip(1)), pair => Assert.True(pair.Second.Frequency <= pair.First.Frequency));
        Assert.Equal(tokens.Length, points.Sum(p => (long)p.Frequency));
        Assert.Equal(result.ZipfSlope, Slope(points), 12);
        Assert.Equal(points, LexicalDiversity.ZipfCurve(tokens));

        // The points stop at the fit's top-N ranks.
        var top = LexicalDiversity.Measure([string.Join(' ', tokens)], new LexicalDiversityOptions { ZipfTopRanks = 10 });
        Assert.Equal(10, top.ZipfRanks);
        Assert.Equal(Enumerable.Range(1, 10), top.ZipfPoints.Select(p => p.Rank));
        Assert.Equal(top.ZipfSlope, Slope(top.ZipfPoints), 12);
    }

    [Fact]
    public void Zipf_points_of_many_types_are_log_spaced_and_follow_the_fit()
    {
        var tokens = Enumerable.Range(1, 500).SelectMany(r => Enumerable.Repeat($"w{r}", (int)Math.Round(5000.0 / r))).ToArray();
        var result = LexicalDiversity.Measure([string.Join(' ', tokens)], new LexicalDiversityOptions { ZipfTopRanks = 400 });
        var points = result.ZipfPoints;

        Assert.InRange(points.Count, 30, LexicalDiversity.ZipfPlotPoints);
        Assert.Equal(1, points[0].Rank);
        Assert.Equal(400, points[^1].Rank);
        Assert.Equal(5000, points[0].Frequency);
        Assert.All(points.Zip(points.Skip(1)), pair =>
        {
            Assert.True(pair.Second.Rank > pair.First.Rank);
            Assert.True(pair.Second.Frequency <= pair.First.Frequency);
            Assert.Equal((int)Math.Round(5000.0 / pair.Second.Rank), pair.Second.Frequency);
        });

        // Log spacing: the upper half of the log-rank axis holds about as many points as the lower half.
        var middle = Math.Sqrt(400);
        var lower = points.Count(p => p.Rank <= middle);
        Assert.InRange(points.Count - lower, lower / 2, lower * 2);
        Assert.Equal(result.ZipfSlope, Slope(points), 2);
    }

    private static double Slope(IReadOnlyList<ZipfPoint> points)
    {
        var x = points.Select(p => Math.Log10(p.Rank)).ToArray();
        var y = points.Select(p => Math.Log10(p.Frequency)).ToArray();
        double mx = x.Average(), my = y.Average();
        return x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my)) / x.Sum(v => (v - mx) * (v - mx));
    }

    [Fact]
    public void Gzip_ratio_is_lower_for_repetitive_text()
    {
        var repetitive = Enumerable.Repeat("the same sentence again and again", 200).ToArray();
        var varied = Enumerable.Range(0, 200).Select(i => $"sentence {i} says {i * 7919 % 1000} about {(char)('a' + (i % 26))}{i * 31 % 97} things").ToArray();
        var r1 = LexicalDiversity.GzipRatio(repetitive);
        var r2 = LexicalDiversity.GzipRatio(varied);
        Assert.True(r1 < 0.05, $"repetitive {r1}");
        Assert.True(r2 > r1 * 4, $"varied {r2} vs repetitive {r1}");
        Assert.Equal(0, LexicalDiversity.GzipRatio([]));
    }

    [Fact]
    public void Self_bleu_of_identical_sentences_is_100_and_of_disjoint_ones_near_0()
    {
        string[][] same = [.. Enumerable.Repeat(Words("the cat sat on the mat"), 5)];
        Assert.Equal(100.0, LexicalDiversity.SelfBleu(same, 5, 1), 9);

        string[][] disjoint = [.. Enumerable.Range(0, 6).Select(i => Enumerable.Range(0, 6).Select(j => $"w{i}_{j}").ToArray())];
        Assert.True(LexicalDiversity.SelfBleu(disjoint, 6, 1) < 1);
    }

    [Fact]
    public void Self_bleu_equals_sentence_bleu_against_all_other_sentences()
    {
        var sentences = new[] { "the cat sat on the mat", "a cat sat on a mat", "the dog ran in the park", "the cat ran on the mat today" };
        string[][] tokens = [.. sentences.Select(Words)];
        var bleu = new Regurgitate.Engine.Evaluation.BleuMetric(new() { Tokenize = "none" });
        var expected = sentences.Select((s, i) => bleu.SentenceScore(s, sentences.Where((_, j) => j != i).ToArray()).Score).Average();
        Assert.Equal(expected, LexicalDiversity.SelfBleu(tokens, 4, 7), 9);
    }

    [Fact]
    public void Self_bleu_sample_is_deterministic_per_seed()
    {
        string[][] tokens = [.. Enumerable.Range(0, 300).Select(i => Words($"s {i % 17} t {i % 5} u {i % 11}"))];
        Assert.Equal(LexicalDiversity.SelfBleu(tokens, 50, 3), LexicalDiversity.SelfBleu(tokens, 50, 3));
        Assert.NotEqual(LexicalDiversity.SelfBleu(tokens, 50, 3), LexicalDiversity.SelfBleu(tokens, 50, 4));
    }

    [Fact]
    public void Coverage_of_reference_vocabulary()
    {
        string[][] reference = [Words("a b c a"), Words("d e")];
        var coverage = LexicalDiversity.Coverage([Words("a b x"), Words("e")], reference);
        Assert.Equal(5, coverage.TargetTypes);
        Assert.Equal(3.0 / 5, coverage.TypeCoverage, 12);
        Assert.Equal(4.0 / 6, coverage.TokenCoverage, 12); // a, b, a, e of a b c a d e
        Assert.Equal(4, coverage.RareTargetTypes); // b c d e occur once
        Assert.Equal(2.0 / 4, coverage.RareTypeCoverage, 12);
    }

    [Fact]
    public void Measure_reports_every_statistic_with_its_parameters()
    {
        var result = LexicalDiversity.Measure(["The cat sat.", "The dog sat!"], new LexicalDiversityOptions { TokenBudget = 3 });
        Assert.Equal(6, result.Tokens);
        Assert.Equal(4, result.VocabularySize);
        Assert.Equal(4.0 / 6, result.TypeTokenRatio, 12);
        Assert.Equal(3, result.BudgetTokens);
        // the(2) cat(1) sat(2) dog(1), 3 of 6 tokens: P(f=2 type missed) = C(4,3)/C(6,3) = 0.2, P(f=1 missed) = C(5,3)/C(6,3) = 0.5.
        Assert.Equal((2 * 0.8) + (2 * 0.5), result.BudgetVocabularySize!.Value, 12);
        Assert.Equal(50, result.Options.MattrWindow);
        Assert.Equal(0.72, result.Options.MtldThreshold);
        Assert.Equal(42, result.Options.HddSampleSize);
        Assert.True(double.IsNaN(result.Hdd));
        Assert.Equal(LexicalTokenizer.Description, result.Tokenization);
        Assert.Equal(2, result.SelfBleuSentences);
        Assert.Equal(3, result.Distinct.Count);
    }

    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var first = 0; first <= n - k; first++)
        {
            foreach (var rest in Subsets(n - first - 1, k - 1))
            {
                yield return [first, .. rest.Select(r => r + first + 1)];
            }
        }
    }
}
