namespace Regurgitate.Workbench.Dispatch;

/// <summary>The workers that joined the job engine, for the Workers page.</summary>
public interface IWorkerMonitor
{
    /// <summary>Whether runs go to workers at all (<see cref="DispatchMode.Workers"/>).</summary>
    bool WorkersMode { get; }

    /// <summary>Every worker that reported within the last day, live ones first, then by host.</summary>
    Task<IReadOnlyList<WorkerState>> ListAsync(CancellationToken cancellationToken);
}
