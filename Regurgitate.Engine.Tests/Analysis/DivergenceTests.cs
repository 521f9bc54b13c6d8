using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class DivergenceTests
{
    [Fact]
    public void Identical_texts_have_zero_and_disjoint_texts_unit_divergence()
    {
        string[] text = ["the cat sat on the mat", "a dog barked"];
        var same = Divergence.Compare(text, text);
        Assert.Equal(0, same.Unigram, 12);
        Assert.Equal(0, same.Bigram, 12);
        var disjoint = Divergence.Compare(["alpha beta gamma"], ["delta epsilon zeta"]);
        Assert.Equal(1, disjoint.Unigram, 12);
        Assert.Equal(1, disjoint.Bigram, 12);
    }

    [Fact]
    public void Jensen_shannon_by_hand()
    {
        // P = (a 1/2, b 1/2), Q = (b 1/2, c 1/2), M = (1/4, 1/2, 1/4): KL(P||M) = 1/2·log2 2 + 1/2·log2 1 = 1/2, same for Q -> 1/2.
        Assert.Equal(0.5, Divergence.JensenShannon([["a", "b"]], [["b", "c"]], 1), 12);

        // P = (a 3/4, b 1/4), Q = (a 1/4, b 3/4), M = (1/2, 1/2): KL(P||M) = 3/4·log2(3/2) + 1/4·log2(1/2).
        var kl = (0.75 * Math.Log2(1.5)) + (0.25 * Math.Log2(0.5));
        Assert.Equal(kl, Divergence.JensenShannon([["a", "a", "a", "b"]], [["a", "b", "b", "b"]], 1), 12);

        // Symmetric.
        Assert.Equal(
            Divergence.JensenShannon([["x", "y", "y"]], [["y", "z"]], 1),
            Divergence.JensenShannon([["y", "z"]], [["x", "y", "y"]], 1), 12);
    }

    [Fact]
    public void Bigrams_do_not_cross_sentence_boundaries()
    {
        // Same unigrams; bigrams "a b" + "c d" vs "a b c d" share two of three.
        var split = Divergence.Compare(["a b", "c d"], ["a b c d"]);
        Assert.Equal(0, split.Unigram, 12);
        Assert.True(split.Bigram is > 0 and < 1);
    }
}
