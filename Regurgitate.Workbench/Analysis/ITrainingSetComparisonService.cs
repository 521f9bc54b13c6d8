using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Analysis;

/// <summary>Compares the training sets of an experiment's runs (see <see cref="TrainingSetComparison"/>).</summary>
public interface ITrainingSetComparisonService
{
    /// <summary>Builds (or returns the cached) comparison at <paramref name="size"/> (null: the default size); <paramref name="sampleSize"/> null: the smallest set's size. Progress in [0, 1].</summary>
    /// <exception cref="ArgumentException">No completed grid run has that size.</exception>
    /// <exception cref="InvalidOperationException">No run at that size recorded its training pairs.</exception>
    Task<TrainingSetComparison> CompareAsync(ExperimentDetail experiment, int? size, int? sampleSize, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>A cached comparison, without computing one.</summary>
    TrainingSetComparison? TryGetCached(ExperimentDetail experiment, int? size, int? sampleSize);
}
