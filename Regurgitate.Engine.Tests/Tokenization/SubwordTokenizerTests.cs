using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Tokenization;

public class SubwordTokenizerTests
{
    public static TheoryData<string> TrickyStrings => new()
    {
        "",
        " ",
        "Der Mann läuft über die Straße.",
        "Größe, Maß und Fußball: ÄÖÜ äöü ß ẞ",
        "„Zitat“ und ‚halbes‘ und »Guillemets« und \"ASCII\"",
        "Emoji: 😀👍🏽 and a family 👨‍👩‍👧 flag 🇩🇪",
        "CJK: 漢字かなカナ 한국어 and 𠀋 (outside the BMP)",
        "tab\there\t\tand two  spaces   three",
        "  leading and trailing  ",
        "\n line\r\nbreaks \n",
        "control \u0000 \u0007 \u001b[0m \u007f \u0085 nbsp\u00a0soft\u00adhyphen zero\u200bwidth",
        "combining e\u0301 vs \u00e9, RTL שלום مرحبا",
        "<s> </s> <pad> <unk> look like special tokens",
        "x",
        "\t",
    };

    [Theory]
    [MemberData(nameof(TrickyStrings))]
    public void Decode_of_encode_returns_the_exact_input(string text)
    {
        var tokenizer = TokenizationCorpus.Tokenizer;

        var ids = tokenizer.Encode(text);

        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.DoesNotContain(ids, SpecialTokens.IsSpecialId);
    }

    [Fact]
    public void Known_words_become_few_learned_tokens_and_unseen_scripts_fall_back_to_bytes()
    {
        var tokenizer = TokenizationCorpus.Tokenizer;

        // Frequent in the generated corpus, so whole words (with their leading space) after 140 merges.
        Assert.Equal(["Ġspielen", "Ġdie"], tokenizer.EncodeToTokens(" spielen die"));

        // "漢" is three UTF-8 bytes that never occur in training: three byte tokens, no unknown token.
        Assert.Equal(
            new[] { "æ", "¼", "¢" }.Select(t => tokenizer.Model.Tokens.ToList().IndexOf(t)),
            tokenizer.Encode("漢"));
    }

    [Fact]
    public void Special_ids_are_fixed_and_not_added_by_encode()
    {
        var tokenizer = TokenizationCorpus.Tokenizer;

        Assert.Equal((0, 1, 2, 3), (tokenizer.PadId, tokenizer.BosId, tokenizer.EosId, tokenizer.UnknownId));
        Assert.Equal(tokenizer.Model.Tokens.Count, tokenizer.VocabularySize);
        Assert.Equal(2, tokenizer.Encode(" spielen die").Count);
    }

    [Fact]
    public void Literal_special_token_text_is_encoded_as_text()
    {
        var tokenizer = TokenizationCorpus.Tokenizer;

        Assert.Equal(["<", "s", ">"], tokenizer.EncodeToTokens("<s>"));
    }

    [Fact]
    public void Decode_skips_special_ids()
    {
        var tokenizer = TokenizationCorpus.Tokenizer;
        var ids = tokenizer.Encode("Der Mann");

        var decoded = tokenizer.Decode([tokenizer.BosId, .. ids, tokenizer.EosId, tokenizer.PadId, tokenizer.PadId, tokenizer.UnknownId]);

        Assert.Equal("Der Mann", decoded);
        Assert.Equal(string.Empty, tokenizer.Decode([tokenizer.BosId, tokenizer.EosId]));
    }

    [Fact]
    public void Decode_rejects_ids_outside_the_vocabulary()
    {
        var tokenizer = TokenizationCorpus.Tokenizer;

        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([tokenizer.VocabularySize]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([-1]));
    }

    [Fact]
    public void Encode_rejects_an_unpaired_surrogate_instead_of_silently_changing_it()
    {
        var exception = Assert.Throws<ArgumentException>(() => TokenizationCorpus.Tokenizer.Encode("ab\uD800c"));

        Assert.Contains("index 2", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trips_multi30k_sentences_with_a_model_learned_from_them()
    {
        var german = TokenizationCorpus.ReadGzipLines("multi30k/train.de.gz").Take(5000).ToList();
        var english = TokenizationCorpus.ReadGzipLines("multi30k/train.en.gz").Take(5000).ToList();
        var (model, segmentations) = new BpeLearner(BpeModel.BaseVocabularySize + 2000).LearnWithSegmentations([.. german, .. english], null, default);
        var tokenizer = new SubwordTokenizer(model);

        Assert.Equal(2000, model.Merges.Count);
        foreach (var sentence in german.Concat(english))
        {
            Assert.Equal(sentence, tokenizer.Decode(tokenizer.Encode(sentence)));
        }

        foreach (var (piece, ids) in segmentations)
        {
            Assert.Equal(ids, tokenizer.Encode(piece));
        }

        // Held-out sentences from another corpus still round-trip.
        foreach (var sentence in TokenizationCorpus.ReadGzipLines("newstest-deen/newstest2019.de.gz").Take(500))
        {
            Assert.Equal(sentence, tokenizer.Decode(tokenizer.Encode(sentence)));
        }
    }
}
