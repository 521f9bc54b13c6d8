namespace Regurgitate.Web.Features.Analysis;

/// <summary>
/// Reports progress on the calling thread. <see cref="Progress{T}"/> would post each report to the circuit's
/// synchronization context, where reports can arrive out of order and after the work has finished.
/// </summary>
internal sealed class SynchronousProgress(Action<double> report) : IProgress<double>
{
    public void Report(double value) => report(value);
}
