using System.Globalization;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>The training loss projected to the vocabulary in blocks: same value and gradients, memory reused.</summary>
[Collection(TorchCollection.Name)]
public sealed class BlockedCrossEntropyTests
{
    private const int Pad = 0;

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)]
    public void Equals_one_cross_entropy_over_the_whole_batch_in_value_and_gradients(double labelSmoothing)
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        // 9,000 subwords → 466 positions per block; 3 × 400 positions → three blocks, the last one short.
        const int vocabulary = 9_000;
        Assert.Equal(466, BlockedCrossEntropy.RowsPerBlock(vocabulary));
        var model = Model(vocabulary, seed: 3);
        manual_seed(4);
        var targets = randint(1, vocabulary, [3, 400], dtype: ScalarType.Int64);
        targets[0, TensorIndex.Slice(350, null)] = tensor(Pad, ScalarType.Int64);
        targets[2, TensorIndex.Slice(100, null)] = tensor(Pad, ScalarType.Int64);
        var realTokens = targets.ne(tensor(Pad)).sum().item<long>();

        var (expectedLoss, expectedGradients) = LossAndGradients(model, targets, states =>
            nn.functional.cross_entropy(model.Project(states).view(-1, vocabulary), targets.view(-1), ignore_index: Pad, reduction: nn.Reduction.Mean, label_smoothing: labelSmoothing));
        var (loss, gradients) = LossAndGradients(model, targets, states =>
            BlockedCrossEntropy.Mean(model, states, targets, Pad, labelSmoothing, realTokens));

        Assert.Equal(expectedLoss, loss, 1e-5);
        foreach (var (name, expected) in expectedGradients)
        {
            Assert.True(expected.allclose(gradients[name], rtol: 1e-4, atol: 1e-7), $"gradient of {name} differs");
        }
    }

    [Fact]
    public void A_training_step_with_a_large_vocabulary_reuses_memory_instead_of_faulting_in_fresh_pages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        TorchEnvironment.EnsureLoaded();
        // 8,000 subwords × ~2,048 target positions: one [tokens, V] float tensor is 65 MB, above glibc's largest
        // threshold (32 MiB) for serving blocks from the heap, so computed at once each logits/log-probability tensor
        // and gradient (about five a step) came from fresh mappings: ~80,000 faulted pages a step.
        const int vocabulary = 8_000;
        var random = new Random(6);
        var pairs = Enumerable.Range(0, 1_200)
            .Select(_ => new EncodedPair([.. Enumerable.Range(0, 10).Select(_ => random.Next(3, vocabulary))], [.. Enumerable.Range(0, random.Next(6, 12)).Select(_ => random.Next(3, vocabulary))]))
            .ToList();
        using var stream = new TorchRandomStream(6);
        var config = new ModelConfig { VocabSize = vocabulary, DModel = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 32, Dropout = 0.0, TieEmbeddings = false };
        using var model = stream.Use(() => new TranslationTransformer(config, vocabulary, Pad));
        using var trainer = new Seq2SeqTrainer(model, new TrainingConfig { TokensPerBatch = 2_048 }, new SpecialTokenIds(Pad, 1, 2), CPU, stream);
        var batches = new TokenBatchPlanner(pairs, 2_048, seed: 1).PlanEpoch(0);
        Assert.True(batches.Count >= 6, $"{batches.Count} batches");
        for (var i = 0; i < 3; i++)
        {
            trainer.Step(pairs, batches[i], i + 1);
        }

        // One libtorch thread, so every page this step touches first is faulted on this thread, and the count is this
        // thread's: other threads of the test process (collections, finishing work of earlier tests) do not disturb it.
        var threads = get_num_threads();
        set_num_threads(1);
        long perStep;
        try
        {
            var before = MinorPageFaultsOfThisThread();
            for (var i = 3; i < 6; i++)
            {
                trainer.Step(pairs, batches[i], i + 1);
            }

            perStep = (MinorPageFaultsOfThisThread() - before) / 3;
        }
        finally
        {
            set_num_threads(threads);
        }

        // The whole-batch loss faulted in about 80,000 pages a step; in blocks it measured 5,000–17,000 (glibc still trims
        // and regrows its heap now and then), so half the old count separates the two without flaking.
        Assert.True(perStep < 40_000, $"{perStep} minor page faults a step");
    }

    private static TranslationTransformer Model(int vocabulary, int seed)
    {
        manual_seed(seed);
        return new TranslationTransformer(new ModelConfig { VocabSize = vocabulary, DModel = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 32, Dropout = 0.0, TieEmbeddings = false }, vocabulary, Pad);
    }

    private static (double Loss, Dictionary<string, Tensor> Gradients) LossAndGradients(TranslationTransformer model, Tensor targets, Func<Tensor, Tensor> loss)
    {
        model.zero_grad();
        manual_seed(5);
        var states = randn(targets.shape[0], targets.shape[1], 16).requires_grad_();
        var value = loss(states);
        value.backward();
        var gradients = model.named_parameters().Where(p => p.parameter.grad is not null).ToDictionary(p => p.name, p => p.parameter.grad!.clone());
        gradients["states"] = states.grad!.clone();
        return (value.item<float>(), gradients);
    }

    /// <summary>Minor page faults of the calling thread so far (field 10 of /proc/thread-self/stat).</summary>
    private static long MinorPageFaultsOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
