using static TorchSharp.torch;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

/// <summary>
/// Runs libtorch on one intra-op thread until disposed, then restores the previous count. Tiny models gain nothing
/// from a second thread, and on a loaded machine two spinning OpenMP threads made these tests ten times slower.
/// Safe only in the serial torch collection.
/// </summary>
internal sealed class SingleTorchThread : IDisposable
{
    private readonly int previous = get_num_threads();

    public SingleTorchThread() => set_num_threads(1);

    public void Dispose() => set_num_threads(previous);
}
