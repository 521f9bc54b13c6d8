namespace Regurgitate.Workbench.Experiments;

/// <summary>Read side of experiments for the dashboard.</summary>
public interface IExperimentQueries
{
    Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Null when there is no such experiment.</summary>
    Task<ExperimentDetail?> GetAsync(int experimentId, CancellationToken cancellationToken);
}
