using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

public interface IRunLauncher
{
    /// <summary>Persists a new run of the named experiment (created when new) and queues it; returns the run id.</summary>
    Task<int> StartAsync(string experimentName, RunConfig config, CancellationToken cancellationToken);

    /// <summary>Persists a new run of an existing experiment at the given place and queues it; returns the run id.</summary>
    Task<int> StartAsync(RunPlacement placement, RunConfig config, CancellationToken cancellationToken);

    /// <summary>Asks a queued or running run to stop; false when the run is not active in this process.</summary>
    bool Cancel(int runId);

    /// <summary>Completes with the run's final status once it has finished and its record is saved.</summary>
    Task<RunStatus> WhenFinishedAsync(int runId, CancellationToken cancellationToken);
}
