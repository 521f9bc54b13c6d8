using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>
/// Dropout whose CPU mask is computed from a counter-based generator (about 1.2 ns an element) instead of libtorch's
/// <c>bernoulli_</c>, which on the CPU draws every element serially from one Mersenne Twister (about 10 ns an element:
/// some 15 % of a training step of the benchmark model went to dropout masks). Each call takes one 64-bit seed from
/// libtorch's default generator, so the masks follow the run's random stream (<c>TorchRandomStream</c>): the same seed
/// gives the same masks whatever the thread count, and checkpoints, resumes and packed runs stay exact. Element i is
/// kept when its 32 bits of the SplitMix64 sequence started at the seed fall below (1 − p)·2³², so the keep probability
/// is 1 − p to within 2⁻³², and kept elements are scaled by 1 / (1 − p) as in <c>nn.Dropout</c>. Off the CPU, or for
/// other element types, libtorch's own dropout runs (fused on a GPU).
/// </summary>
internal sealed class FastDropout : nn.Module<Tensor, Tensor>
{
    private readonly double probability;

    public FastDropout(double probability) : base(nameof(FastDropout))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(probability, 1.0);
        this.probability = probability;
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!training || probability == 0.0)
        {
            return input;
        }

        if (input.device_type != DeviceType.CPU || input.dtype != ScalarType.Float32)
        {
            return nn.functional.dropout(input, probability, training: true);
        }

        using var mask = empty(input.shape, ScalarType.Float32);
        DropoutMask.Fill(mask, probability, DrawSeed());
        return input * mask;
    }

    /// <summary>One number from libtorch's default CPU generator: the run's stream while a training step holds it.</summary>
    private static ulong DrawSeed()
    {
        using var draw = randint(long.MinValue, long.MaxValue, [1], ScalarType.Int64);
        return unchecked((ulong)draw.item<long>());
    }
}
