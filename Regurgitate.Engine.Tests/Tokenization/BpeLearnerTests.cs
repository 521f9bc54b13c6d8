using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Tokenization;

public class BpeLearnerTests
{
    // Sennrich et al.'s example, one word per sentence so that no piece carries a leading space.
    private static readonly string[] LowLowerNewestWidest =
    [
        .. Enumerable.Repeat("low", 5), .. Enumerable.Repeat("lower", 2),
        .. Enumerable.Repeat("newest", 6), .. Enumerable.Repeat("widest", 3),
    ];

    [Fact]
    public void Learns_the_hand_computed_merges_of_the_textbook_example()
    {
        var model = new BpeLearner(vocabularySize: 1000, minPairFrequency: 1).Learn(LowLowerNewestWidest);

        // e-s and s-t tie at 9: 'e' has the smaller byte id. At 6, "e w" wins over "n e" and "w est" by its left id
        // ('e' < 'n' < 'w'), then "n ew" because the byte 'n' precedes the learned token "ew".
        string[] expected =
        [
            "e s", "es t", "l o", "lo w", "e w", "n ew", "new est", "d est", "i dest", "w idest", "e r", "low er",
        ];
        Assert.Equal(expected, model.Merges.Select(m => m.ToString()));
    }

    [Fact]
    public void Stops_early_when_the_corpus_runs_out_of_pairs_and_reports_the_smaller_vocabulary()
    {
        var model = new BpeLearner(vocabularySize: 1000, minPairFrequency: 1).Learn(LowLowerNewestWidest);

        // Each of the four words ends as a single token after 12 merges; nothing is left to merge.
        Assert.Equal(BpeModel.BaseVocabularySize + 12, model.Tokens.Count);
    }

    [Fact]
    public void Min_pair_frequency_stops_before_rarer_pairs()
    {
        var model = new BpeLearner(vocabularySize: 1000, minPairFrequency: 3).Learn(LowLowerNewestWidest);

        // "e r" and "low er" occur only twice (from "lower").
        Assert.Equal(10, model.Merges.Count);
        Assert.DoesNotContain(model.Merges, m => m.Result == "er");
    }

    [Fact]
    public void Reaches_the_requested_vocabulary_size_exactly()
    {
        var model = TokenizationCorpus.Tokenizer.Model;

        Assert.Equal(TokenizationCorpus.Learner.VocabularySize, model.Tokens.Count);
        Assert.Equal(model.Tokens.Count - BpeModel.BaseVocabularySize, model.Merges.Count);
    }

    [Fact]
    public void Vocabulary_starts_with_the_special_tokens_at_fixed_ids_then_the_bytes()
    {
        var tokens = TokenizationCorpus.Tokenizer.Model.Tokens;

        Assert.Equal(["<pad>", "<s>", "</s>", "<unk>"], tokens.Take(4));
        Assert.Equal("Ġ", tokens[BpeModel.FirstByteId + ' ']);
        Assert.Equal("A", tokens[BpeModel.FirstByteId + 'A']);
        Assert.Equal("Ċ", tokens[BpeModel.FirstByteId + '\n']);
    }

    [Fact]
    public void Learning_twice_gives_byte_identical_files()
    {
        using var first = new TemporaryDirectory();
        using var second = new TemporaryDirectory();
        new SubwordTokenizer(TokenizationCorpus.Learner.Learn(TokenizationCorpus.Generated())).Save(first.Path);
        new SubwordTokenizer(TokenizationCorpus.Learner.Learn(TokenizationCorpus.Generated())).Save(second.Path);

        foreach (var file in new[] { SubwordTokenizer.MergesFileName, SubwordTokenizer.VocabularyFileName })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(first.Path, file)), File.ReadAllBytes(Path.Combine(second.Path, file)));
        }
    }

    [Fact]
    public void Merges_do_not_depend_on_sentence_order()
    {
        var sentences = TokenizationCorpus.Generated();

        var forward = TokenizationCorpus.Learner.Learn(sentences);
        var backward = TokenizationCorpus.Learner.Learn(sentences.Reverse());

        Assert.Equal(forward.Merges, backward.Merges);
    }

    [Fact]
    public void Reports_progress_up_to_one_in_order()
    {
        var values = new List<double>();

        new BpeLearner(vocabularySize: 300).Learn(TokenizationCorpus.Generated(), new SynchronousProgress<double>(values.Add));

        Assert.True(values.Count >= 10, $"only {values.Count} reports");
        Assert.Equal(values.Order(), values);
        Assert.Equal(1.0, values[^1]);
        Assert.InRange(values[0], 0.0, 0.1);
    }

    [Fact]
    public void Honours_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Assert.Throws<OperationCanceledException>(() => new BpeLearner(400).Learn(TokenizationCorpus.Generated(), cancellationToken: cancellation.Token));
    }

    [Fact]
    public void Rejects_a_vocabulary_smaller_than_specials_plus_bytes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BpeLearner(BpeModel.BaseVocabularySize - 1));
        Assert.Equal(BpeModel.BaseVocabularySize, new BpeLearner(BpeModel.BaseVocabularySize).Learn(["abc abc"]).Tokens.Count);
    }

    [Fact]
    public void Encoder_reproduces_the_learners_segmentation_of_every_training_piece()
    {
        var (model, segmentations) = TokenizationCorpus.Learner.LearnWithSegmentations(TokenizationCorpus.Generated(), null, default);
        var tokenizer = new SubwordTokenizer(model);

        Assert.NotEmpty(segmentations);
        Assert.Contains(segmentations.Values, ids => ids.Any(id => id >= BpeModel.BaseVocabularySize));
        foreach (var (piece, ids) in segmentations)
        {
            Assert.Equal(ids, tokenizer.Encode(piece));
        }
    }
}
