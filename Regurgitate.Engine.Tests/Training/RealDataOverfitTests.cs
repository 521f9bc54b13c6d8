using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>
/// The whole learning path on real text — BPE, batching, masks, loss, optimiser, greedy decoding, detokenisation and
/// BLEU — must be able to memorise a handful of real sentence pairs. A broken mask, shifted target or off-by-one in
/// decoding shows up here as a low score.
/// </summary>
[Collection(TorchCollection.Name)]
public class RealDataOverfitTests
{
    [Fact]
    public async Task ATinyModelMemorisesTwentyRealPairsToBleuAbove90()
    {
        var corpus = await ParallelCorpusReader.LoadPairsAsync(
            Path.Combine(SharedFolders.Data, "multi30k", "train.de.gz"),
            Path.Combine(SharedFolders.Data, "multi30k", "train.en.gz"),
            cancellationToken: CancellationToken.None);
        var pairs = corpus.Pairs.Take(20).ToList();

        var tokenizer = new SubwordTokenizer(new BpeLearner(600).Learn(pairs.SelectMany(p => new[] { p.Source, p.Target })));
        var encoded = pairs.Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)])).ToList();
        var special = new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId);

        using var random = new TorchRandomStream(5);
        var model = random.Use(() => new TranslationTransformer(ModelConfig.Tiny with { DModel = 128, FeedForward = 256, Heads = 4, EncoderLayers = 2, DecoderLayers = 2 }, tokenizer.VocabularySize, tokenizer.PadId));
        var training = new TrainingConfig { TokensPerBatch = 4096, LearningRate = 3e-3, WarmupSteps = 30, LabelSmoothing = 0.0 };
        using var trainer = new Seq2SeqTrainer(model, training, special, CPU, random);
        var all = Enumerable.Range(0, encoded.Count).ToArray();
        for (var step = 1; step <= 200; step++)
        {
            trainer.Step(encoded, all, step);
        }

        var hypotheses = new GreedyDecoder(model, special, CPU)
            .Translate(encoded.Select(p => p.Source).ToList(), null, CancellationToken.None)
            .Select(ids => tokenizer.Decode(ids))
            .ToList();
        var bleu = new BleuMetric().CorpusScore(hypotheses, [pairs.Select(p => (string?)p.Target).ToList()]);

        Assert.True(bleu.Score > 90, $"BLEU {bleu.Score:F2}; first hypothesis: '{hypotheses[0]}' vs '{pairs[0].Target}'");
    }
}
