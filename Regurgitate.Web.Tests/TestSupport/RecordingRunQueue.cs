using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Test double of the queue control: records each action and answers with a fixed result.</summary>
public sealed class RecordingRunQueue : IRunQueue
{
    public List<string> Actions { get; } = [];

    public RunQueueResult Answer { get; set; } = RunQueueResult.Done("Done.");

    public Task<IReadOnlyList<RunQueueEntry>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<RunQueueEntry>>([]);

    public Task<RunQueueResult> SetPriorityAsync(int runId, int priority, CancellationToken cancellationToken) => Record($"priority {runId} {priority}");

    public Task<RunQueueResult> SetExperimentPriorityAsync(int experimentId, int priority, CancellationToken cancellationToken) => Record($"experiment priority {experimentId} {priority}");

    public Task<RunQueueResult> CancelAsync(int runId, CancellationToken cancellationToken) => Record($"cancel {runId}");

    public Task<RunQueueResult> RetryAsync(int runId, CancellationToken cancellationToken) => Record($"retry {runId}");

    private Task<RunQueueResult> Record(string action)
    {
        Actions.Add(action);
        return Task.FromResult(Answer);
    }
}
