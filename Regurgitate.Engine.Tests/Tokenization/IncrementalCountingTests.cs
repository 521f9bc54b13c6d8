using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Tokenization;

public class IncrementalCountingTests
{
    [Fact]
    public void Learner_matches_a_full_recount_reference_on_the_generated_corpus()
    {
        var sentences = TokenizationCorpus.Generated();

        var expected = NaiveBpeReference.Learn(sentences, 400, 2);

        Assert.Equal(140, expected.Count);
        Assert.Equal(expected, TokenizationCorpus.Learner.Learn(sentences).Merges);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Learner_matches_the_reference_on_repetitive_random_text(int seed)
    {
        // A three-letter alphabet gives runs like "aaaa" and "abab", where occurrences of a pair overlap or touch.
        var random = new Random(seed);
        var sentences = Enumerable.Range(0, 60)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(1, 6)).Select(_ => new string(Enumerable.Range(0, random.Next(1, 10)).Select(_ => "aab c"[random.Next(5)]).ToArray()))))
            .ToList();

        var expected = NaiveBpeReference.Learn(sentences, 330, 1);
        var (model, segmentations) = new BpeLearner(330, 1).LearnWithSegmentations(sentences, null, default);
        var tokenizer = new SubwordTokenizer(model);

        Assert.True(expected.Count > 20, $"only {expected.Count} merges");
        Assert.Equal(expected, model.Merges);
        foreach (var (piece, ids) in segmentations)
        {
            Assert.Equal(ids, tokenizer.Encode(piece));
        }
    }
}
