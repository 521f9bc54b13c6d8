using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.TestSupport;

public sealed class RecordingRunLauncher : IRunLauncher
{
    public List<(string ExperimentName, RunConfig Config)> Started { get; } = [];
    public List<int> Cancelled { get; } = [];

    public Task<int> StartAsync(string experimentName, RunConfig config, CancellationToken cancellationToken)
    {
        Started.Add((experimentName, config));
        return Task.FromResult(41 + Started.Count);
    }

    public Task<int> StartAsync(RunPlacement placement, RunConfig config, CancellationToken cancellationToken) =>
        StartAsync($"experiment {placement.ExperimentId}", config, cancellationToken);

    public Task<RunStatus> WhenFinishedAsync(int runId, CancellationToken cancellationToken) => Task.FromResult(RunStatus.Completed);

    public bool Cancel(int runId)
    {
        Cancelled.Add(runId);
        return true;
    }
}
