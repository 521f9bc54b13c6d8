using static TorchSharp.torch;

namespace Regurgitate.Engine.Training;

/// <summary>
/// Sets libtorch's intra-op thread count for the calling thread only, so runs packed in one process each keep their own.
/// <para>
/// libtorch's CPU build (OpenMP backend, MKL with GNU OpenMP) keeps the count per calling thread: <c>set_num_threads</c>
/// sets that thread's OpenMP <c>nthreads</c> and MKL's thread-local count, and also a process-wide default that a
/// thread adopts the first time it touches torch. A thread that sets its count before that first touch is therefore
/// overwritten by whatever another thread set meanwhile; reading the count first completes the first touch, after which
/// the setting is this thread's alone (<c>regurgitate-benchmarks thread-probe</c> shows both cases). Every libtorch call of
/// a run must then stay on the thread that set it: the CPU autograd engine runs backward on the calling thread.
/// </para>
/// </summary>
public static class TorchThreads
{
    /// <summary>Gives the calling thread <paramref name="threads"/> intra-op threads; returns what it then reports.</summary>
    public static int UseOnThisThread(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        TorchEnvironment.EnsureLoaded();
        _ = get_num_threads();
        set_num_threads(threads);
        return get_num_threads();
    }
}
