using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Modeling;

/// <summary>
/// Fills a contiguous float tensor with a dropout mask: 1 / (1 − p) where an element is kept, 0 where it is dropped.
/// Element i takes its 32 bits from output ⌊i / 2⌋ of SplitMix64 (Steele, Lea and Flood 2014) started at the seed, so
/// any element's value depends only on the seed and its index, whatever the thread count.
/// </summary>
internal static class DropoutMask
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;

    public static unsafe void Fill(Tensor mask, double probability, ulong seed)
    {
        if (mask.dtype != ScalarType.Float32 || mask.device_type != DeviceType.CPU || !mask.is_contiguous())
        {
            throw new ArgumentException("The mask must be a contiguous float tensor on the CPU.", nameof(mask));
        }

        var count = mask.numel();
        var keep = 1.0 - probability;
        // Kept when the element's 32 random bits are below the threshold: probability threshold / 2³² = 1 − p ± 2⁻³².
        var threshold = (ulong)Math.Round(keep * 4294967296.0);
        var scaleBits = BitConverter.SingleToInt32Bits((float)(1.0 / keep));
        // One thread: libtorch's worker threads keep spinning for a while after each operation, and a second filling
        // thread competed with them (measured no faster in a training step on 2 cores).
        Fill((int*)mask.storage<float>().data_ptr(), count, seed, threshold, scaleBits);
    }

    /// <param name="data">The mask's floats, written as their bit patterns.</param>
    private static unsafe void Fill(int* data, long count, ulong seed, ulong threshold, int scaleBits)
    {
        // Each 64-bit output serves one pair of elements; an odd count's last element takes the low half of the next.
        var pairs = count / 2;
        var state = seed;
        for (var pair = 0L; pair < pairs; pair++)
        {
            state += Gamma;
            var bits = Mix(state);
            data[2 * pair] = Kept(bits & 0xFFFF_FFFFUL, threshold, scaleBits);
            data[(2 * pair) + 1] = Kept(bits >> 32, threshold, scaleBits);
        }

        if (count % 2 == 1)
        {
            data[count - 1] = Kept(Mix(state + Gamma) & 0xFFFF_FFFFUL, threshold, scaleBits);
        }
    }

    /// <summary>The scale's bits when <paramref name="random"/> is below the threshold, else 0 (0.0f): no branch to mispredict.</summary>
    private static int Kept(ulong random, ulong threshold, int scaleBits) =>
        scaleBits & -(int)((random - threshold) >> 63);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
