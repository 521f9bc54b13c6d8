using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Workbench.Experiments;

/// <summary>Experiments defined by a spec: saving, starting (or resuming), stopping, and what a spec will cost.</summary>
public interface IExperimentService
{
    /// <summary>Validates and saves a spec as a new experiment (status Draft); returns its id.</summary>
    /// <exception cref="ExperimentSpecException">The spec is invalid, or its name is taken (all errors listed).</exception>
    Task<int> CreateAsync(ExperimentSpec spec, CancellationToken cancellationToken);

    /// <summary>
    /// Starts or resumes the experiment in the background: local generators and the shared tokenizer are prepared
    /// (skipping what already exists), then every grid run that has not completed is queued.
    /// </summary>
    Task StartAsync(int experimentId, CancellationToken cancellationToken);

    /// <summary>Runs the experiment to its end in the caller's flow (the command line), reporting progress.</summary>
    Task<ExperimentStatusReport> RunToCompletionAsync(int experimentId, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// Adds seeds to a stored experiment that is not preparing or running (see <see cref="SeedExtension"/>); its status
    /// becomes Stopped so that starting it again trains only the new grid runs. Returns how many grid runs it gains.
    /// </summary>
    /// <exception cref="ExperimentSpecException">No new seed, or the grown grid is invalid (e.g. too many runs).</exception>
    /// <exception cref="InvalidOperationException">There is no such experiment, or it is active.</exception>
    Task<int> AddSeedsAsync(int experimentId, IReadOnlyList<int> seeds, CancellationToken cancellationToken);

    /// <summary>Stops preparation and cancels the experiment's queued and running runs.</summary>
    Task StopAsync(int experimentId, CancellationToken cancellationToken);

    /// <summary>
    /// Sizes the spec's pool cannot hold, by their path (<c>sizes[i]</c>): known only once the corpus (and any stored
    /// synthetic set of the grid) is loaded, so this reads them; empty when every size fits. Stores nothing.
    /// </summary>
    Task<IReadOnlyList<Engine.Experiments.RunConfigError>> CheckPoolAsync(ExperimentSpec spec, CancellationToken cancellationToken);

    /// <summary>Grid size, training tokens and time on this machine, before launching.</summary>
    ExperimentEstimate Estimate(ExperimentSpec spec);
}
