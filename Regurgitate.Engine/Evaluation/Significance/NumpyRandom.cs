namespace Regurgitate.Engine.Evaluation.Significance;

/// <summary>
/// A re-implementation of the random stream behind NumPy's <c>np.random.default_rng(seed)</c>: a
/// <c>SeedSequence</c> (entropy pool of four 32-bit words) feeding PCG64 (128-bit LCG, XSL-RR output), with NumPy's
/// 32-bit buffering of <c>next_uint32</c>, Lemire's bounded draw for <c>integers</c>/<c>choice</c> with ranges below
/// 2^32, and the bit-buffered boolean draw of <c>integers(2, dtype=bool)</c>. sacreBLEU's significance tests draw
/// their resample indices this way, so with the same seed the same segments are resampled. Checked against NumPy
/// 1.24 by <c>Regurgitate.Engine.Tests/Evaluation/Significance/numpy_draws.txt</c>.
/// </summary>
public sealed class NumpyRandom
{
    private static readonly UInt128 Multiplier = new(0x2360ED051FC65DA4UL, 0x4385DF649FCCF645UL);

    private UInt128 state;
    private readonly UInt128 increment;
    private bool hasUInt32;
    private uint uinteger;

    // State of one boolean fill (NumPy keeps it per call of integers(); see BeginBooleanFill).
    private int boolBitsLeft;
    private uint boolBuffer;

    /// <summary>Seeds like <c>np.random.default_rng(seed)</c> for a non-negative integer seed.</summary>
    public NumpyRandom(ulong seed)
    {
        var words = SeedSequenceState(seed, 8);
        var initState = new UInt128(((ulong)words[1] << 32) | words[0], ((ulong)words[3] << 32) | words[2]);
        var initSeq = new UInt128(((ulong)words[5] << 32) | words[4], ((ulong)words[7] << 32) | words[6]);
        increment = (initSeq << 1) | 1;
        state = 0;
        Step();
        state += initState;
        Step();
    }

    /// <summary>The raw PCG64 state (for tests against NumPy's <c>bit_generator.state</c>).</summary>
    public UInt128 State => state;

    public UInt128 Increment => increment;

    public ulong NextUInt64()
    {
        Step();
        var value = (ulong)(state >> 64) ^ (ulong)state;
        var rotation = (int)(state >> 122);
        return (value >> rotation) | (value << ((64 - rotation) & 63));
    }

    public uint NextUInt32()
    {
        if (hasUInt32)
        {
            hasUInt32 = false;
            return uinteger;
        }

        var next = NextUInt64();
        hasUInt32 = true;
        uinteger = (uint)(next >> 32);
        return (uint)next;
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>), as one element of <c>rng.integers(0, bound)</c> / <c>rng.choice(bound)</c>.</summary>
    public int NextBounded(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        var rangeExclusive = (uint)bound;
        if (rangeExclusive == 1)
        {
            return 0;
        }

        var m = (ulong)NextUInt32() * rangeExclusive;
        var leftover = (uint)m;
        if (leftover < rangeExclusive)
        {
            var threshold = (uint.MaxValue - (rangeExclusive - 1)) % rangeExclusive;
            while (leftover < threshold)
            {
                m = (ulong)NextUInt32() * rangeExclusive;
                leftover = (uint)m;
            }
        }

        return (int)(m >> 32);
    }

    /// <summary>Fills <paramref name="into"/> like consecutive elements of <c>rng.choice(bound, size=..., replace=True)</c>.</summary>
    public void FillBounded(Span<int> into, int bound)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = NextBounded(bound);
        }
    }

    /// <summary>
    /// Starts one <c>rng.integers(2, size=..., dtype=bool)</c> call: NumPy draws 32 booleans from each 32-bit word,
    /// and the partly used word is dropped at the end of the call. The elements of that call are then read in C order
    /// with <see cref="NextBooleanOfFill"/>.
    /// </summary>
    public void BeginBooleanFill()
    {
        boolBitsLeft = 0;
        boolBuffer = 0;
    }

    public bool NextBooleanOfFill()
    {
        if (boolBitsLeft == 0)
        {
            boolBuffer = NextUInt32();
            boolBitsLeft = 31;
        }
        else
        {
            boolBuffer >>= 1;
            boolBitsLeft--;
        }

        return (boolBuffer & 1) != 0;
    }

    private void Step() => state = unchecked((state * Multiplier) + increment);

    /// <summary>NumPy's <c>SeedSequence(seed).generate_state(count, np.uint32)</c> (no spawn key, pool size 4).</summary>
    public static uint[] SeedSequenceState(ulong seed, int count)
    {
        const uint InitA = 0x43b0d7e5, MultA = 0x931e8875, InitB = 0x8b51f9dd, MultB = 0x58f38ded;
        const uint MixMultL = 0xca01f9dd, MixMultR = 0x4973f715;
        const int PoolSize = 4;

        // The integer seed as little-endian 32-bit words (at least one).
        var entropy = seed >> 32 == 0 ? new[] { (uint)seed } : new[] { (uint)seed, (uint)(seed >> 32) };

        var hashConst = InitA;
        uint HashMix(uint value)
        {
            unchecked
            {
                value ^= hashConst;
                hashConst *= MultA;
                value *= hashConst;
                value ^= value >> 16;
                return value;
            }
        }

        static uint Mix(uint x, uint y)
        {
            unchecked
            {
                var result = (MixMultL * x) - (MixMultR * y);
                result ^= result >> 16;
                return result;
            }
        }

        var pool = new uint[PoolSize];
        for (var i = 0; i < PoolSize; i++)
        {
            pool[i] = HashMix(i < entropy.Length ? entropy[i] : 0);
        }

        for (var src = 0; src < PoolSize; src++)
        {
            for (var dst = 0; dst < PoolSize; dst++)
            {
                if (src != dst)
                {
                    pool[dst] = Mix(pool[dst], HashMix(pool[src]));
                }
            }
        }

        for (var src = PoolSize; src < entropy.Length; src++)
        {
            for (var dst = 0; dst < PoolSize; dst++)
            {
                pool[dst] = Mix(pool[dst], HashMix(entropy[src]));
            }
        }

        var state = new uint[count];
        var hashB = InitB;
        for (var i = 0; i < count; i++)
        {
            unchecked
            {
                var value = pool[i % PoolSize];
                value ^= hashB;
                hashB *= MultB;
                value *= hashB;
                value ^= value >> 16;
                state[i] = value;
            }
        }

        return state;
    }
}
