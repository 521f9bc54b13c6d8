using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>Trains tiny models on an id-level task (reverse the sequence), with no tokenizer or corpus involved.</summary>
[Collection(TorchCollection.Name)]
public class Seq2SeqTrainerTests
{
    private static readonly SpecialTokenIds Special = new(0, 1, 2);

    private static List<EncodedPair> ReversalTask(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ =>
        {
            var source = Enumerable.Range(0, random.Next(3, 8)).Select(_ => random.Next(4, 20)).ToArray();
            return new EncodedPair(source, source.Reverse().ToArray());
        }).ToList();
    }

    private static (TranslationTransformer Model, List<double> Losses) Train(int seed, int steps, ModelConfig model, TrainingConfig training, List<EncodedPair> pairs)
    {
        using var random = new TorchRandomStream(seed);
        var transformer = random.Use(() => new TranslationTransformer(model, 20, Special.Pad));
        using var trainer = new Seq2SeqTrainer(transformer, training, Special, CPU, random);
        var planner = new TokenBatchPlanner(pairs, training.TokensPerBatch, seed);
        var losses = new List<double>();
        var epoch = 0;
        while (losses.Count < steps)
        {
            foreach (var batch in planner.PlanEpoch(epoch++))
            {
                if (losses.Count == steps)
                {
                    break;
                }

                losses.Add(trainer.Step(pairs, batch, losses.Count + 1).Loss);
            }
        }

        return (transformer, losses);
    }

    [Fact]
    public void SameSeedGivesTheSameLossCurve()
    {
        var pairs = ReversalTask(64, 1);
        var model = ModelConfig.Tiny with { Dropout = 0.1 };
        var training = new TrainingConfig { TokensPerBatch = 64, WarmupSteps = 5, LearningRate = 3e-3 };

        var first = Train(42, 12, model, training, pairs).Losses;
        var second = Train(42, 12, model, training, pairs).Losses;
        var other = Train(43, 12, model, training, pairs).Losses;

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void LearnsToReverseSequencesAndGreedyDecodingReproducesThem()
    {
        var pairs = ReversalTask(40, 2);
        var model = ModelConfig.Tiny with { DModel = 64, FeedForward = 128, EncoderLayers = 2, DecoderLayers = 2 };
        var training = new TrainingConfig { TokensPerBatch = 128, WarmupSteps = 20, LearningRate = 5e-3, LabelSmoothing = 0.0 };

        var (transformer, losses) = Train(7, 300, model, training, pairs);
        var decoded = new GreedyDecoder(transformer, Special, CPU).Translate(pairs.Select(p => p.Source).ToList(), null, CancellationToken.None);

        Assert.True(losses[^1] < losses[0] / 10, $"loss went from {losses[0]} to {losses[^1]}");
        var exact = pairs.Where((p, i) => decoded[i].SequenceEqual(p.Target)).Count();
        Assert.True(exact >= 36, $"{exact} of {pairs.Count} reversed exactly");
    }
}
