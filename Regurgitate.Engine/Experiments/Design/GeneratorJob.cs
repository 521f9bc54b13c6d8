namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// A local generator of an experiment: the run that trains it, and the datasets its translations are stored as
/// (<see cref="DatasetId"/> for the experiment's sources, <see cref="ReservedDatasetId"/> for the held-out generator
/// training sources that a later generation may learn from, <see cref="HeldOutDatasetId"/> for the sources a detector
/// learns from).
/// </summary>
public sealed record GeneratorJob(LocalGeneratorSpec Spec, string DatasetId, string ReservedDatasetId, RunConfig TrainingRun)
{
    public string HeldOutDatasetId => DatasetId + ".held-out";
}
