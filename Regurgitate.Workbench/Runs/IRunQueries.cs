using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Runs;

/// <summary>Read side of the dashboard: what the pages load from the database.</summary>
public interface IRunQueries
{
    Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken);

    Task<RunDetails?> GetRunAsync(int runId, CancellationToken cancellationToken);

    /// <summary>Every stored point of the run, ordered by step within each curve.</summary>
    Task<IReadOnlyList<MetricSample>> GetMetricsAsync(int runId, CancellationToken cancellationToken);
}
