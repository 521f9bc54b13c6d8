using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// One run's own sequence of numbers from libtorch's CPU generator: parameter initialisation and dropout masks.
/// </summary>
/// <remarks>
/// <para>TorchSharp's modules draw from the process-wide default generator, so two runs training in one process
/// (<c>Regurgitate:Runs:MaxConcurrentRuns</c> above 1, a generator and a grid run, parallel tests) consumed each
/// other's numbers and neither reproduced its seed's result. <see cref="Use{T}"/> swaps this stream's state into the
/// default generator, does the work and takes the advanced state out again, under one process-wide lock, so work in
/// different streams may interleave at any granularity without changing either's numbers.</para>
/// <para>A run alone draws exactly what <c>manual_seed(seed)</c> followed by the same work always drew, so results
/// and checkpoints from before this type exist are unchanged. Only the CPU generator is swapped: CUDA's dropout
/// draws from the device's generator, which TorchSharp can seed but not save; <see cref="UseOn{T}"/> reseeds it from
/// this stream before each forward pass, so on a GPU too a run's draws depend on its own stream alone.</para>
/// </remarks>
public sealed class TorchRandomStream : IDisposable
{
    private static readonly Lock DefaultGenerator = new();
    private Tensor state;
    private bool disposed;

    public TorchRandomStream(long seed)
    {
        lock (DefaultGenerator)
        {
            using var before = get_rng_state();
            manual_seed(seed);
            state = get_rng_state().DetachFromDisposeScope();
            set_rng_state(before);
        }
    }

    /// <summary>Runs <paramref name="work"/> with this stream in libtorch's default CPU generator.</summary>
    public T Use<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (DefaultGenerator)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            set_rng_state(state);
            try
            {
                return work();
            }
            finally
            {
                Replace(get_rng_state());
            }
        }
    }

    /// <summary>
    /// <see cref="Use{T}"/> for work on <paramref name="device"/>. On a CUDA device the work also draws from the
    /// device's own generators, which TorchSharp can seed but not read or restore; so each call first seeds them all
    /// (<c>cuda.manual_seed_all</c>) with a number drawn from this stream. Their state is then a function of this stream's,
    /// which checkpoints hold, so a resumed run draws the same dropout masks on the GPU too, and runs sharing a GPU
    /// cannot draw each other's numbers (the seed and the kernel launches that take offsets from it are under the lock).
    /// On the CPU nothing extra is drawn, so CPU results are what they always were.
    /// </summary>
    public T UseOn<T>(Device device, Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(work);
        return Use(() =>
        {
            if (device.type == DeviceType.CUDA)
            {
                cuda.manual_seed_all(NextDeviceSeed());
            }

            return work();
        });
    }

    /// <summary>A seed for a device generator, drawn from the default CPU generator (this stream, inside <see cref="Use{T}"/>).</summary>
    internal static long NextDeviceSeed()
    {
        using var draw = randint(0, 1L << 62, [1], dtype: ScalarType.Int64);
        return draw.item<long>();
    }

    /// <summary>The stream's state, for a checkpoint (<see cref="Seq2SeqTrainer.SaveState"/>).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        lock (DefaultGenerator)
        {
            state.Save(writer);
        }
    }

    /// <summary>Continues from a state <see cref="Save"/> wrote.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (DefaultGenerator)
        {
            var loaded = state.clone().DetachFromDisposeScope();
            try
            {
                loaded.Load(reader);
            }
            catch
            {
                loaded.Dispose();
                throw;
            }

            Replace(loaded);
        }
    }

    public void Dispose()
    {
        lock (DefaultGenerator)
        {
            disposed = true;
            state.Dispose();
        }
    }

    private void Replace(Tensor next)
    {
        state.Dispose();
        state = next.DetachFromDisposeScope();
    }
}
