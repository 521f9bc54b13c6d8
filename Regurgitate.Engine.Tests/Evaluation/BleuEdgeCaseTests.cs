using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

/// <summary>Hand-computed BLEU cases for inputs the shared vectors do not cover.</summary>
public sealed class BleuEdgeCaseTests
{
    private static IReadOnlyList<IReadOnlyList<string?>> Streams(params string?[][] streams) => streams;

    [Fact]
    public void Empty_hypothesis_scores_zero_with_zero_brevity_penalty()
    {
        var score = new BleuMetric().CorpusScore([""], Streams(["a b c"]));

        Assert.Equal(0.0, score.Score);
        Assert.Equal("BLEU = 0.00 0.0/0.0/0.0/0.0 (BP = 0.000 ratio = 0.000 hyp_len = 0 ref_len = 3)", score.Format());
    }

    [Fact]
    public void Empty_reference_is_a_real_reference_of_length_zero()
    {
        var score = new BleuMetric().CorpusScore(["a b"], Streams([""]));

        Assert.Equal(0.0, score.Score);
        Assert.Equal(1.0, score.BrevityPenalty);
        Assert.Equal(0, score.RefLen);
        Assert.Equal(0.0, score.Ratio);
        Assert.StartsWith("nrefs:1|", score.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void All_punctuation_segment_is_split_into_marks()
    {
        var corpus = new BleuMetric().CorpusScore(["!?."], Streams(["! ? ."]));
        var sentence = new BleuMetric().SentenceScore("!?.", ["! ? ."]);

        Assert.Equal([3.0, 2, 1, 0], corpus.Counts);
        Assert.Equal([3.0, 2, 1, 0], corpus.Totals);

        // Without effective order the missing 4-gram order contributes log(0) -> score 0; with it, a perfect 3-gram score.
        Assert.Equal(0.0, corpus.Score);
        VectorAssert.Close(100.0, sentence.Score, "sentence");
    }

    [Fact]
    public void Closest_reference_length_tie_takes_the_shorter_reference()
    {
        var metric = new BleuMetric();

        var shortFirst = metric.SentenceScore("a b c d", ["a b c", "a b c d e"]);
        var longFirst = metric.SentenceScore("a b c d", ["a b c d e", "a b c"]);

        Assert.Equal(3, shortFirst.RefLen);
        Assert.Equal(3, longFirst.RefLen);
        Assert.StartsWith("nrefs:2|", shortFirst.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Multiple_references_clip_by_the_maximum_count_over_references()
    {
        var score = new BleuMetric().SentenceScore("the the the", ["the cat", "the the dog"]);

        Assert.Equal(2.0, score.Counts[0]);
        Assert.Equal(3.0, score.Totals[0]);
    }

    // hyp "a b c d" vs ref "a b x d": matches 3/4, 1/3, 0/2, 0/1; equal lengths so BP = 1.
    [Theory]
    [InlineData(BleuSmoothing.Exp, 35.35533905932738, "exp")]
    [InlineData(BleuSmoothing.Floor, 18.803015465431963, "floor[0.10]")]
    [InlineData(BleuSmoothing.AddK, 50.0, "add-k[1.00]")]
    [InlineData(BleuSmoothing.None, 0.0, "none")]
    public void Smoothing_methods_on_missing_higher_order_matches(BleuSmoothing smoothing, double expected, string smoothSignature)
    {
        var score = new BleuMetric(new BleuOptions { Smoothing = smoothing }).CorpusScore(["a b c d"], Streams(["a b x d"]));

        VectorAssert.Close(expected, score.Score, smoothing.ToString());
        Assert.Contains($"|smooth:{smoothSignature}|", score.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_k_reports_counts_and_totals_with_k_added_from_order_two()
    {
        var score = new BleuMetric(new BleuOptions { Smoothing = BleuSmoothing.AddK }).CorpusScore(["a b c d"], Streams(["a b x d"]));

        Assert.Equal([3.0, 2, 1, 1], score.Counts);
        Assert.Equal([4.0, 4, 3, 2], score.Totals);
        VectorAssert.Close([75.0, 50.0, 100.0 / 3, 50.0], score.Precisions, "precisions");
    }

    [Theory]
    [InlineData(BleuSmoothing.Exp)]
    [InlineData(BleuSmoothing.Floor)]
    [InlineData(BleuSmoothing.AddK)]
    [InlineData(BleuSmoothing.None)]
    public void No_match_at_all_scores_zero_for_every_smoothing(BleuSmoothing smoothing)
    {
        var score = new BleuMetric(new BleuOptions { Smoothing = smoothing }).CorpusScore(["x y z"], Streams(["a b c"]));

        Assert.Equal(0.0, score.Score);
        Assert.Equal([0.0, 0, 0, 0], score.Precisions);
        Assert.Equal([3.0, 2, 1, 0], score.Totals);
    }

    [Fact]
    public void Null_reference_entries_are_skipped_and_make_the_reference_count_variable()
    {
        var withNull = new BleuMetric().CorpusScore(["a b c d", "e f g h"], Streams(["a b c d", null], ["x y", "e f g h"]));

        VectorAssert.Close(100.0, withNull.Score, "score");
        Assert.Equal(8, withNull.RefLen);
        Assert.StartsWith("nrefs:var|", withNull.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_without_any_reference_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BleuMetric().CorpusScore(["a", "b"], Streams(["a", null])));

        Assert.Contains("Segment 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_stream_of_wrong_length_names_stream_and_lengths()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BleuMetric().CorpusScore(["a", "b"], Streams(["a", "b"], ["a"])));

        Assert.Contains("stream 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 segments", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2 hypotheses", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Python_whitespace_includes_unit_separator_but_not_zero_width_space()
    {
        var metric = new BleuMetric(new BleuOptions { Tokenize = "none" });

        Assert.Equal(2, metric.SentenceScore("a\u001Fb", ["a b"]).SysLen);
        Assert.Equal(1, metric.SentenceScore("a\u200Bb", ["a b"]).SysLen);
    }

    [Fact]
    public void Lowercase_option_changes_matches_and_signature()
    {
        var score = new BleuMetric(new BleuOptions { Lowercase = true }).SentenceScore("STRAẞE", ["straße"]);

        Assert.Equal(1.0, score.Counts[0]);
        Assert.StartsWith("nrefs:1|case:lc|eff:yes|tok:13a|smooth:exp|version:", score.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Signature_is_unknown_before_scoring()
    {
        Assert.Throws<InvalidOperationException>(() => new BleuMetric().Signature);
    }

    [Fact]
    public void Unknown_tokenizer_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new BleuMetric(new BleuOptions { Tokenize = "zh" }));
    }
}
