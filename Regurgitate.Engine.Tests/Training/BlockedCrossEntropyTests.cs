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

    [Theory]
    [InlineData(1_000)]
    [InlineData(8_000)]
    [InlineData(32_000)]
    [InlineData(5_000_000)]
    public void A_block_of_logits_stays_within_the_bound_that_glibc_serves_from_its_heap(long vocabulary)
    {
        // A whole batch's [tokens, V] floats (65 MB at 2,048 tokens × 8,000) came from fresh mappings every step.
        // How many pages that saved is measured by the training-speed benchmark under perf (see the README), not here:
        // a page-fault count in the test process depends on what earlier tests left in the allocator's heaps.
        var rows = BlockedCrossEntropy.RowsPerBlock(vocabulary);
        Assert.True(rows >= 1);
        Assert.True(rows == 1 || rows * vocabulary * sizeof(float) <= BlockedCrossEntropy.MaxBlockBytes, $"{rows} rows");
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
}
