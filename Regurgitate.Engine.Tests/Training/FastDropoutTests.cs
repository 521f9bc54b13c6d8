using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>
/// The training dropout drops each element with probability p, scales the rest by 1 / (1 − p), takes its masks from
/// the run's random stream, and passes gradients through the same mask.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FastDropoutTests
{
    [Fact]
    public void DropsAboutPOfTheElementsIndependentlyAndScalesTheRest()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new TorchRandomStream(11);
        using var dropout = new FastDropout(0.1);
        dropout.train();
        var output = random.Use(() => dropout.forward(ones(1_000, 1_000)));

        var dropped = output.eq(0).to(ScalarType.Float64);
        // 1,000,000 draws: the standard deviation of the share is 0.0003, so ±0.002 is more than six of them.
        Assert.InRange(dropped.mean().item<double>(), 0.098, 0.102);
        // Neighbours are independent: both dropped about p² of the time (including the pairs sharing one 64-bit draw).
        var bothDropped = (dropped[.., 1..] * dropped[.., ..^1]).mean().item<double>();
        Assert.InRange(bothDropped, 0.0093, 0.0107);
        var kept = output.masked_select(output.ne(0));
        Assert.True(kept.eq(1f / 0.9f).all().item<bool>());
    }

    [Fact]
    public void MasksFollowTheRunsRandomStream()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var dropout = new FastDropout(0.3);
        dropout.train();
        var input = ones(64, 64);

        Tensor Draw(long seed)
        {
            using var random = new TorchRandomStream(seed);
            return random.Use(() => dropout.forward(input));
        }

        Assert.True(Same(Draw(5), Draw(5)));
        Assert.False(Same(Draw(5), Draw(6)));
    }

    [Fact]
    public void EvaluationModeAndZeroProbabilityLeaveTheInputAlone()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var input = randn(8, 16);
        using var evaluating = new FastDropout(0.5);
        evaluating.eval();
        using var zero = new FastDropout(0.0);
        zero.train();

        Assert.True(Same(evaluating.forward(input), input));
        Assert.True(Same(zero.forward(input), input));
    }

    [Fact]
    public void GradientFlowsThroughTheSameMask()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        using var random = new TorchRandomStream(3);
        using var dropout = new FastDropout(0.25);
        dropout.train();
        var input = ones(32, 32, requires_grad: true);

        var output = random.Use(() => dropout.forward(input));
        output.sum().backward();

        Assert.True(Same(input.grad!, output.detach()));
    }

    [Fact]
    public void AnElementsMaskDependsOnlyOnTheSeedAndItsIndex()
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var shortMask = empty(5);
        var longMask = empty(1_001);
        DropoutMask.Fill(shortMask, 0.5, seed: 42);
        DropoutMask.Fill(longMask, 0.5, seed: 42);

        Assert.True(Same(shortMask, longMask[..5]));
        Assert.True(shortMask.eq(0).logical_or(shortMask.eq(2f)).all().item<bool>());
        Assert.Throws<ArgumentException>(() => DropoutMask.Fill(empty(4, 4).t(), 0.5, seed: 1));
    }

    private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();
}
