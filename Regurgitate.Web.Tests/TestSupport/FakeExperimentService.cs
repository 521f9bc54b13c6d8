using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>Records what the dashboard asks of experiments; the estimate is a simple function of the grid.</summary>
public sealed class FakeExperimentService : IExperimentService
{
    public List<ExperimentSpec> Created { get; } = [];
    public List<int> Started { get; } = [];
    public List<int> Stopped { get; } = [];
    public List<ExperimentSpec> Estimated { get; } = [];

    public int NextId { get; set; } = 7;

    /// <summary>Thrown by <see cref="CreateAsync"/> when set.</summary>
    public Exception? CreateFailure { get; set; }

    /// <summary>What <see cref="CheckPoolAsync"/> answers: sizes the (pretended) pool cannot hold.</summary>
    public IReadOnlyList<Regurgitate.Engine.Experiments.RunConfigError> PoolErrors { get; set; } = [];

    public Task<IReadOnlyList<Regurgitate.Engine.Experiments.RunConfigError>> CheckPoolAsync(ExperimentSpec spec, CancellationToken cancellationToken) => Task.FromResult(PoolErrors);

    public Task<int> CreateAsync(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        if (CreateFailure is not null)
        {
            throw CreateFailure;
        }

        Created.Add(spec);
        return Task.FromResult(NextId);
    }

    public Task StartAsync(int experimentId, CancellationToken cancellationToken)
    {
        Started.Add(experimentId);
        return Task.CompletedTask;
    }

    public Task<ExperimentStatusReport> RunToCompletionAsync(int experimentId, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public List<(int ExperimentId, IReadOnlyList<int> Seeds)> SeedsAdded { get; } = [];

    public Task<int> AddSeedsAsync(int experimentId, IReadOnlyList<int> seeds, CancellationToken cancellationToken)
    {
        SeedsAdded.Add((experimentId, seeds));
        return Task.FromResult(seeds.Count);
    }

    public Task StopAsync(int experimentId, CancellationToken cancellationToken)
    {
        Stopped.Add(experimentId);
        return Task.CompletedTask;
    }

    /// <summary>1,000 tokens/s; every run trains size × 10 tokens per epoch.</summary>
    public ExperimentEstimate Estimate(ExperimentSpec spec)
    {
        Estimated.Add(spec);
        var plan = ExperimentGrid.Expand(spec);
        var tokens = plan.Runs.Sum(r => (long)r.Size * 10 * (long)(spec.Training.Epochs ?? 1));
        return new ExperimentEstimate(plan.Runs.Count, plan.Generators.Count, plan.Runs.Select(r => r.Condition).Distinct().Count(), tokens, 1_000, TimeSpan.FromSeconds(tokens / 1_000.0), ["fake warning"]);
    }
}
