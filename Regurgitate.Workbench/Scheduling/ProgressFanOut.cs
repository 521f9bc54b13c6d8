namespace Regurgitate.Workbench.Scheduling;

/// <summary>
/// Passes one job's progress to every caller waiting for it; a caller that joins late gets the latest value at once.
/// Reports synchronously (System.Progress would post and reorder).
/// </summary>
internal sealed class ProgressFanOut : IProgress<double>
{
    private readonly Lock gate = new();
    private readonly List<IProgress<double>> listeners = [];
    private double? latest;

    public void Add(IProgress<double>? listener)
    {
        if (listener is null)
        {
            return;
        }

        double? latest;
        lock (gate)
        {
            listeners.Add(listener);
            latest = this.latest;
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

        lock (gate)
        {
            listeners.Remove(listener);
        }
    }

    public void Report(double value)
    {
        IProgress<double>[] listeners;
        lock (gate)
        {
            latest = value;
            listeners = [.. this.listeners];
        }

        foreach (var listener in listeners)
        {
            listener.Report(value);
        }
    }
}
