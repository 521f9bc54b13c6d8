namespace Regurgitate.Workbench.Scheduling;

/// <summary>
/// Passes one job's progress to every caller waiting for it; a caller that joins late gets the latest value at once.
/// Reports synchronously (System.Progress would post and reorder).
/// </summary>
internal sealed class ProgressFanOut : IProgress<double>
{
    private readonly Lock _gate = new();
    private readonly List<IProgress<double>> _listeners = [];
    private double? _latest;

    public void Add(IProgress<double>? listener)
    {
        if (listener is null)
        {
            return;
        }

        double? latest;
        lock (_gate)
        {
            _listeners.Add(listener);
            latest = _latest;
        }

        if (latest is { } value)
        {
            listener.Report(value);
        }
    }

    public void Remove(IProgress<double>? listener)
    {
        if (listener is null)
        {
            return;
        }

        lock (_gate)
        {
            _listeners.Remove(listener);
        }
    }

    public void Report(double value)
    {
        IProgress<double>[] listeners;
        lock (_gate)
        {
            _latest = value;
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Report(value);
        }
    }
}
