namespace Regurgitate.Workbench.Experiments;

/// <summary>Read side of experiments for the dashboard.</summary>
public interface IExperimentQueries
{
    Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Null when there is no such experiment.</summary>
    Task<ExperimentDetail?> GetAsync(int experimentId, CancellationToken cancellationToken);

    /// <summary>The stored experiment of that name and its spec as stored (null for experiments made before specs were kept); null when there is none.</summary>
    Task<(int Id, string? SpecJson)?> FindByNameAsync(string name, CancellationToken cancellationToken);
}
