using Regurgitate.Engine.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// TorchSharp's <see cref="Adam"/> step, the same libtorch operations on the same values in the same order, with every
/// hyperparameter scalar held in a <c>using</c> across its call. TorchSharp's own step converts them implicitly, so a
/// collection on another thread can free one while libtorch reads it (<see cref="KeptScalars"/>); the optimiser's
/// state stays in the <see cref="Adam"/> object, so checkpoints keep its format.
/// </summary>
internal static class KeptScalarAdam
{
    /// <summary>One update of every parameter that has a gradient (AMSGrad is not supported).</summary>
    public static void Step(Adam optimizer)
    {
        var states = optimizer.state_dict().State;
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var index = 0;
        foreach (var group in optimizer.ParamGroups.Cast<ParamGroup>())
        {
            var options = (Adam.Options)group.Options;
            if (options.amsgrad == true)
            {
                throw new NotSupportedException("AMSGrad is not supported by the engine's Adam step.");
            }

            var beta1 = options.beta1!.Value;
            var beta2 = options.beta2!.Value;
            var weightDecay = options.weight_decay!.Value;
            var learningRate = options.LearningRate!.Value;
            using var firstMomentDecay = beta1.ToScalar();
            using var firstMomentWeight = (1 - beta1).ToScalar();
            using var secondMomentDecay = beta2.ToScalar();
            using var secondMomentWeight = (1 - beta2).ToScalar();
            using var epsilon = options.eps!.Value.ToScalar();
            using var decay = weightDecay.ToScalar();
            foreach (var param in group.Parameters)
            {
                var state = (Adam.State)states[index++];
                var grad = param.grad;
                if (grad is null)
                {
                    continue;
                }

                if (options.maximize == true)
                {
                    grad = -grad;
                }

                state.step += 1;
                var biasCorrection1 = 1 - Math.Pow(beta1, state.step);
                var biasCorrection2 = 1 - Math.Pow(beta2, state.step);
                if (weightDecay != 0)
                {
                    grad = grad.add(param, decay);
                }

                _ = state.exp_avg.mul_(firstMomentDecay).add_(grad, firstMomentWeight);
                _ = state.exp_avg_sq.mul_(secondMomentDecay).addcmul_(grad, grad.conj(), secondMomentWeight);
                using var biasScale = Math.Sqrt(biasCorrection2).ToScalar();
                var denominator = state.exp_avg_sq.sqrt().div(biasScale).add_(epsilon, KeptScalars.One);
                using var stepSize = (-(learningRate / biasCorrection1)).ToScalar();
                _ = param.addcdiv_(state.exp_avg, denominator, stepSize);
            }
        }
    }
}
