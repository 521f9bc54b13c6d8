using Regurgitate.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Training;

/// <summary>The engine's Adam step must move parameters exactly as TorchSharp's does (checkpoints and runs stay comparable).</summary>
public sealed class KeptScalarAdamTests
{
    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.01, false)]
    [InlineData(0.0, true)]
    public void Matches_torchsharps_adam_bit_for_bit(double weightDecay, bool maximize)
    {
        TorchEnvironment.EnsureLoaded();
        using var scope = NewDisposeScope();
        var (theirs, theirOptimizer) = Make(weightDecay, maximize);
        var (ours, ourOptimizer) = Make(weightDecay, maximize);
        manual_seed(11);
        var input = randn(16, 8);
        var target = randn(16, 4);
        for (var step = 1; step <= 6; step++)
        {
            foreach (var (module, optimizer) in new[] { (theirs, theirOptimizer), (ours, ourOptimizer) })
            {
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = 0.01 / step;
                }

                optimizer.zero_grad();
                nn.functional.mse_loss(module.forward(input), target).backward();
            }

            theirOptimizer.step();
            KeptScalarAdam.Step(ourOptimizer);
            foreach (var ((name, expected), (_, actual)) in theirs.named_parameters().Zip(ours.named_parameters()))
            {
                Assert.True(expected.data<float>().ToArray().SequenceEqual(actual.data<float>().ToArray()), $"{name} differs after step {step}");
            }
        }
    }

    private static (nn.Module<Tensor, Tensor> Module, TorchSharp.Modules.Adam Optimizer) Make(double weightDecay, bool maximize)
    {
        manual_seed(5);
        var module = nn.Sequential(nn.Linear(8, 12), nn.ReLU(), nn.Linear(12, 4));
        return (module, optim.Adam(module.parameters(), 0.01, 0.9, 0.98, 1e-9, weight_decay: weightDecay, maximize: maximize));
    }
}
