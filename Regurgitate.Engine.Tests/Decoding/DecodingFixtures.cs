using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Decoding;

/// <summary>Tiny models and id-level data shared by the decoding tests; everything seeded.</summary>
internal static class DecodingFixtures
{
    public static readonly SpecialTokenIds Special = new(0, 1, 2);
    public const int Vocabulary = 24;

    public static List<int[]> RandomSources(int count, int seed, int minLength = 2, int maxLength = 9)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count)
            .Select(_ => Enumerable.Range(0, random.Next(minLength, maxLength + 1)).Select(_ => random.Next(4, Vocabulary)).ToArray())
            .ToList();
    }

    public static TranslationTransformer RandomModel(int seed, ModelConfig? config = null)
    {
        manual_seed(seed);
        var model = new TranslationTransformer(
            config ?? ModelConfig.Tiny with { DModel = 32, Heads = 4, EncoderLayers = 2, DecoderLayers = 2, FeedForward = 64, MaxPositions = 64 },
            Vocabulary,
            Special.Pad);
        model.eval();
        return model;
    }

    /// <summary>
    /// A model trained briefly to reverse id sequences: confident enough to emit EOS at varied lengths, uncertain
    /// enough that beam search and greedy decoding can disagree.
    /// </summary>
    public static TranslationTransformer PartlyTrainedReverser(int steps = 60)
    {
        var random = new Random(11);
        var pairs = Enumerable.Range(0, 64).Select(_ =>
        {
            var source = Enumerable.Range(0, random.Next(2, 8)).Select(_ => random.Next(4, Vocabulary)).ToArray();
            return new EncodedPair(source, [.. source.Reverse()]);
        }).ToList();
        var model = RandomModel(5);
        var training = new TrainingConfig { TokensPerBatch = 128, WarmupSteps = 10, LearningRate = 5e-3, LabelSmoothing = 0.0 };
        using var dropout = new TorchRandomStream(5); // the tiny model has none, but the trainer asks for its stream
        using (var trainer = new Seq2SeqTrainer(model, training, Special, CPU, dropout))
        {
            var planner = new TokenBatchPlanner(pairs, training.TokensPerBatch, 3);
            var step = 0;
            for (var epoch = 0; step < steps; epoch++)
            {
                foreach (var batch in planner.PlanEpoch(epoch))
                {
                    if (step == steps)
                    {
                        break;
                    }

                    trainer.Step(pairs, batch, ++step);
                }
            }
        }

        model.eval();
        return model;
    }

    /// <summary>
    /// Length-normalised log-probability of <paramref name="target"/> + EOS given <paramref name="source"/>, computed
    /// independently of the decoders with one teacher-forced pass: sum / (|target| + 1)^alpha.
    /// </summary>
    public static double Score(TranslationTransformer model, int[] source, int[] target, double alpha)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var src = tensor(source.Select(i => (long)i).Append(Special.Eos).ToArray()).unsqueeze(0);
        var input = tensor(target.Select(i => (long)i).Prepend(Special.Bos).ToArray()).unsqueeze(0);
        var output = tensor(target.Select(i => (long)i).Append(Special.Eos).ToArray()).unsqueeze(0);
        var mask = model.SourceMask(src);
        var logProbs = model.Decode(input, model.Encode(src, mask), mask).log_softmax(-1);
        var sum = logProbs.gather(2, output.unsqueeze(2)).sum().item<float>();
        return sum / Math.Pow(target.Length + 1, alpha);
    }
}
