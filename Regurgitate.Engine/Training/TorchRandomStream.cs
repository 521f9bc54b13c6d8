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
/// draws from the device's generator, which <c>manual_seed</c> seeds but TorchSharp cannot save, so on a GPU only
/// runs alone in their process reproduce (see README, Reliability).</para>
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
