using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class ChrFEdgeCaseTests
{
    [Fact]
    public void Orders_the_reference_lacks_are_left_out_of_the_average()
    {
        // Orders 1 and 2 only: P = (1 + 1) / 2, R = (2/3 + 1/2) / 2 = 7/12; F2 = 5PR / (4P + R) = 35/55.
        var score = new ChrFMetric().SentenceScore("ab", ["abc"]);

        VectorAssert.Close(100.0 * 35 / 55, score.Score, "chrF");
    }

    [Fact]
    public void Whitespace_is_ignored_in_character_ngrams()
    {
        VectorAssert.Close(100.0, new ChrFMetric().SentenceScore("a b c", ["abc"]).Score, "chrF");
    }

    [Fact]
    public void Empty_hypothesis_or_reference_scores_zero()
    {
        var metric = new ChrFMetric(ChrFOptions.ChrFPlusPlus);

        Assert.Equal(0.0, metric.SentenceScore("", ["Das ist gut."]).Score);
        Assert.Equal(0.0, metric.SentenceScore("Das ist gut.", [""]).Score);
    }

    [Fact]
    public void Best_reference_by_f_score_is_used()
    {
        var metric = new ChrFMetric();

        var single = metric.SentenceScore("Der Hund bellt.", ["Der Hund bellt."]);
        var multi = metric.SentenceScore("Der Hund bellt.", ["Eine Katze.", "Der Hund bellt."]);

        Assert.Equal(single.Score, multi.Score);
        Assert.StartsWith("nrefs:2|case:mixed|eff:yes|nc:6|nw:0|space:no|version:", multi.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Punctuation_is_split_off_one_end_of_words_for_word_ngrams()
    {
        Assert.Equal(["(hi", ")", "there", ",", "you", "!"], ChrFMetric.SplitPunctuation("(hi) there, you !"));
        Assert.Equal(["\"", "Straße", "„Haus“"], ChrFMetric.SplitPunctuation("\"Straße „Haus“"));
    }

    [Fact]
    public void Lowercase_option_makes_case_irrelevant()
    {
        var score = new ChrFMetric(new ChrFOptions { Lowercase = true }).SentenceScore("ÄRZTE", ["ärzte"]);

        VectorAssert.Close(100.0, score.Score, "chrF");
        Assert.Contains("|case:lc|", score.Signature, StringComparison.Ordinal);
    }
}
