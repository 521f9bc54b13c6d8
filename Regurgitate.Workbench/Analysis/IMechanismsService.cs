using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Analysis;

/// <summary>Measures the training sets of an experiment's runs against their test BLEU (see <see cref="MechanismsResult"/>).</summary>
public interface IMechanismsService
{
    /// <summary>Builds (or returns the cached) analysis at <paramref name="size"/> (null: the default size). Progress in [0, 1].</summary>
    /// <exception cref="ArgumentException">No completed grid run has that size.</exception>
    /// <exception cref="Engine.Data.CorpusFormatException">A run's training pairs file is damaged.</exception>
    Task<MechanismsResult> AnalyzeAsync(ExperimentDetail experiment, int? size, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>A cached analysis, without computing one.</summary>
    /// <exception cref="ArgumentException">No completed grid run has that size.</exception>
    MechanismsResult? TryGetCached(ExperimentDetail experiment, int? size);
}
