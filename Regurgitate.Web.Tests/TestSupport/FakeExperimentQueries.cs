using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Serves whatever detail the test sets, as it is at the moment of each call.</summary>
public sealed class FakeExperimentQueries : IExperimentQueries
{
    private int gets;

    public IReadOnlyList<ExperimentSummary> Summaries { get; set; } = [];

    public ExperimentDetail? Detail { get; set; }

    public int Gets => Volatile.Read(ref gets);

    public Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken) => Task.FromResult(Summaries);

    public Task<ExperimentDetail?> GetAsync(int experimentId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref gets);
        return Task.FromResult(Detail is { } detail && detail.Id == experimentId ? detail : null);
    }

    public Task<(int Id, string? SpecJson)?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult<(int Id, string? SpecJson)?>(Detail is { } detail && detail.Name == name ? (detail.Id, null) : null);
}
