using Regurgitate.Engine.Experiments;

namespace Regurgitate.Workbench.Execution;

public interface IRunLauncher
{
    /// <summary>Persists a new run of the named experiment (created when new) and queues it; returns the run id.</summary>
    Task<int> StartAsync(string experimentName, RunConfig config, CancellationToken cancellationToken);

    /// <summary>Asks a queued or running run to stop; false when the run is not active in this process.</summary>
    bool Cancel(int runId);
}
