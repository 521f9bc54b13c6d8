using Regurgitate.Engine.Mitigation.Detection;

namespace Regurgitate.Engine.Tests.Mitigation.Detection;

public sealed class DetectorFeaturizerTests
{
    [Fact]
    public void Words_are_letter_or_digit_runs_and_every_other_mark_is_a_token()
    {
        Assert.Equal(["It", "'", "s", "3", ".", "5", "%", "—", "ok", "?"], DetectorFeaturizer.Tokenize("It's 3.5% —ok?"));
        Assert.Empty(DetectorFeaturizer.Tokenize("   "));
    }

    [Fact]
    public void Typography_folds_to_ascii()
    {
        Assert.Equal("\"It's\" - a test... ok", DetectorFeaturizer.FoldTypography("„It’s“ – a test…\u00A0ok"));
    }

    [Fact]
    public void Features_are_stable_normalised_and_count_the_expected_n_grams()
    {
        var options = new DetectorOptions { HashBits = 24, WordNgramMin = 1, WordNgramMax = 2, CharNgramMin = 2, CharNgramMax = 3 };
        var featurizer = new DetectorFeaturizer(options);

        var features = featurizer.Featurize("ab cd");

        // Words: 2 unigrams + 3 bigrams ([start] ab, ab cd, cd [end]). Characters of " ab " and " cd ": 3 bigrams and
        // 2 trigrams each, 10 in all, none spanning the two words. 15 distinct n-grams (no collision at 24 bits).
        Assert.Equal(15, features.Indices.Length);
        Assert.Equal(1.0, features.Values.Sum(v => (double)v * v), 6);
        Assert.Equal(features.Indices, new DetectorFeaturizer(options).Featurize("ab cd").Indices);
        Assert.Equal(features.Indices, features.Indices.Order());

        // Swapping the words changes only the three word bigrams: no character n-gram crosses the space between words.
        Assert.Equal(12, features.Indices.Intersect(featurizer.Featurize("cd ab").Indices).Count());
    }
}
