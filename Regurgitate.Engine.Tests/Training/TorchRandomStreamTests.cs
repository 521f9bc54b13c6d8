using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>
/// Two runs in one process (concurrent runs, a generator beside a grid run) each reproduce their seed's result: their
/// initialisation and dropout masks come from their own streams, whatever else draws from libtorch meanwhile.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class TorchRandomStreamTests
{
    private static readonly SpecialTokenIds Special = new(0, 1, 2);
    private static readonly ModelConfig Model = ModelConfig.Tiny with { Dropout = 0.3 };
    private static readonly TrainingConfig Training = new() { TokensPerBatch = 64, WarmupSteps = 4, LearningRate = 3e-3 };

    private static List<EncodedPair> ReversalTask(int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 48).Select(_ =>
        {
            var source = Enumerable.Range(0, random.Next(3, 8)).Select(_ => random.Next(4, 20)).ToArray();
            return new EncodedPair(source, [.. source.Reverse()]);
        }).ToList();
    }

    /// <summary>One run, stepped by the caller so two can be interleaved on one thread, deterministically.</summary>
    private sealed class SteppedRun : IDisposable
    {
        private readonly TorchRandomStream random;
        private readonly TranslationTransformer model;
        private readonly Seq2SeqTrainer trainer;
        private readonly List<EncodedPair> pairs;
        private readonly int[][] batches;

        public SteppedRun(int seed)
        {
            pairs = ReversalTask(seed);
            random = new TorchRandomStream(seed);
            model = random.Use(() => new TranslationTransformer(Model, 20, Special.Pad));
            trainer = new Seq2SeqTrainer(model, Training, Special, CPU, random);
            batches = [.. new TokenBatchPlanner(pairs, Training.TokensPerBatch, seed).PlanEpoch(0)];
        }

        public List<double> Losses { get; } = [];

        public void Step()
        {
            var batch = batches[Losses.Count % batches.Length];
            Losses.Add(trainer.Step(pairs, batch, Losses.Count + 1).Loss);
        }

        public void Dispose()
        {
            trainer.Dispose();
            model.Dispose();
            random.Dispose();
        }
    }

    private static List<double> Alone(int seed, int steps)
    {
        using var run = new SteppedRun(seed);
        for (var i = 0; i < steps; i++)
        {
            run.Step();
        }

        return run.Losses;
    }

    [Fact]
    public void Two_runs_whose_steps_interleave_each_train_exactly_as_alone()
    {
        const int steps = 8;
        var aloneA = Alone(11, steps);
        var aloneB = Alone(12, steps);

        // Interleaved step by step, with a stranger drawing from libtorch's generator between them: before each run had
        // its own stream, every dropout mask here came from the other run's sequence.
        using var a = new SteppedRun(11);
        using var b = new SteppedRun(12);
        for (var i = 0; i < steps; i++)
        {
            a.Step();
            using (rand(1000))
            {
            }

            b.Step();
        }

        Assert.Equal(aloneA, a.Losses);
        Assert.Equal(aloneB, b.Losses);
        Assert.NotEqual(aloneA, aloneB);
    }

    [Fact]
    public void A_stream_draws_what_manual_seed_drew_so_earlier_results_are_unchanged()
    {
        manual_seed(7);
        using var seeded = new TranslationTransformer(Model, 20, Special.Pad);
        using (rand(5000))
        {
        }

        using var random = new TorchRandomStream(7);
        using var streamed = random.Use(() => new TranslationTransformer(Model, 20, Special.Pad));

        var pairs = seeded.parameters().Zip(streamed.parameters());
        Assert.All(pairs, p => Assert.True(p.First.equal(p.Second).all().item<bool>()));
    }

    [Fact]
    public void A_saved_stream_continues_where_it_stopped()
    {
        using var original = new TorchRandomStream(3);
        original.Use(() => rand(10)).Dispose();
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            original.Save(writer);
        }

        using var expected = original.Use(() => rand(10));
        buffer.Position = 0;
        using var restored = new TorchRandomStream(99);
        using (var reader = new BinaryReader(buffer))
        {
            restored.Load(reader);
        }

        using var actual = restored.Use(() => rand(10));
        Assert.True(expected.equal(actual).all().item<bool>());
    }
}
