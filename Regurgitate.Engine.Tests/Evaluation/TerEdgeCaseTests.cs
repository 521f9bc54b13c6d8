using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class TerEdgeCaseTests
{
    [Fact]
    public void A_block_shift_counts_as_one_edit()
    {
        // "a" moved from the front to the end: one shift, no other edits.
        var score = new TerMetric().SentenceScore("a b c d", ["b c d a"]);

        Assert.Equal(1, score.NumEdits);
        VectorAssert.Close(25.0, score.Score, "ter");
    }

    [Fact]
    public void Case_is_ignored_by_default_and_kept_on_request()
    {
        Assert.Equal(0.0, new TerMetric().SentenceScore("The CAT", ["the cat"]).Score);

        var sensitive = new TerMetric(new TerOptions { CaseSensitive = true }).SentenceScore("The CAT", ["the cat"]);
        VectorAssert.Close(100.0, sensitive.Score, "case-sensitive ter");
        Assert.StartsWith("nrefs:1|case:mixed|tok:tercom|norm:no|punct:yes|asian:no|version:", sensitive.Signature, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_reference_makes_every_hypothesis_word_an_error()
    {
        var metric = new TerMetric();

        var nonEmpty = metric.SentenceScore("a b", [""]);
        Assert.Equal(100.0, nonEmpty.Score);
        Assert.Equal(2, nonEmpty.NumEdits);
        Assert.Equal(0.0, metric.SentenceScore("", [""]).Score);
    }

    [Fact]
    public void Empty_hypothesis_needs_one_insertion_per_reference_word()
    {
        var score = new TerMetric().SentenceScore("", ["Das ist gut ."]);

        Assert.Equal(4, score.NumEdits);
        Assert.Equal(100.0, score.Score);
    }

    [Fact]
    public void Reference_length_is_averaged_over_references()
    {
        var score = new TerMetric().SentenceScore("a b c", ["a b c", "a b c d e"]);

        Assert.Equal(0, score.NumEdits);
        Assert.Equal(4.0, score.RefLength);
    }

    [Fact]
    public void Normalization_and_punctuation_removal_options()
    {
        var normalized = new TerMetric(new TerOptions { Normalized = true }).SentenceScore("Hello,world!", ["hello , world !"]);
        var noPunct = new TerMetric(new TerOptions { NoPunct = true }).SentenceScore("Hello, world!", ["hello world"]);

        Assert.Equal(0.0, normalized.Score);
        Assert.Contains("|norm:yes|", normalized.Signature, StringComparison.Ordinal);
        Assert.Equal(0.0, noPunct.Score);
        Assert.Contains("|punct:no|", noPunct.Signature, StringComparison.Ordinal);
    }
}
