namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// A local generator of an experiment: the run that trains it and the datasets its translations are stored as
/// (<see cref="DatasetId"/> for the experiment's sources, <see cref="NextSliceDatasetId"/> for the slice the next
/// generation learns from, <see cref="HeldOutDatasetId"/> for the sources a detector learns from). What it trained on
/// is its run's <see cref="Mixtures.MixtureConfig.Parts"/>: which slice, with real targets or which generation's.
/// </summary>
public sealed record GeneratorJob(LocalGeneratorSpec Spec, string DatasetId, RunConfig TrainingRun)
{
    /// <summary>1 for a generator trained on real data, k + 1 for one that learns from a generation-k generator.</summary>
    public int Generation { get; init; } = 1;

    /// <summary>The slice this generator translates for a generator that learns from it; null when none does.</summary>
    public GenerationSlice? NextSlice { get; init; }

    public string? NextSliceDatasetId => NextSlice is { } slice ? SliceDatasetId(DatasetId, slice.Generation) : null;

    public string HeldOutDatasetId => DatasetId + ".held-out";

    /// <summary>A generator's translation of slice <paramref name="generation"/>.</summary>
    public static string SliceDatasetId(string generatorDatasetId, int generation) => $"{generatorDatasetId}.slice-{generation}";
}
