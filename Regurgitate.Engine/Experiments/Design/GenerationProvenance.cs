using System.Globalization;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// What a local generator trained on and what it translated, in words, for the settings stored with its datasets
/// (its run's config.json and training-set.json hold the same parts by dataset id).
/// </summary>
public static class GenerationProvenance
{
    /// <summary>E.g. "slice 1 real (2,000) + slice 2 by gen1 (2,000)".</summary>
    public static string TrainedOn(ExperimentPlan plan, GeneratorJob job)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(job);
        return string.Join(" + ", (job.TrainingRun.Mixture.Parts ?? []).Select(part =>
        {
            var slice = plan.GenerationSlices.Single(s => s.RealDatasetId.Equals(part.Slice, StringComparison.OrdinalIgnoreCase));
            var origin = part.IsReal
                ? "real"
                : "by " + plan.Generators.Single(g => GeneratorJob.SliceDatasetId(g.DatasetId, slice.Generation).Equals(part.Origin, StringComparison.OrdinalIgnoreCase)).Spec.Id;
            return string.Create(CultureInfo.InvariantCulture, $"slice {slice.Generation} {origin} ({part.Size:N0})");
        }));
    }

    /// <summary>E.g. "experiment sources (4,000) + slice 3 (2,000) for generation 3".</summary>
    public static string Translated(GeneratorJob job, int experimentSources)
    {
        ArgumentNullException.ThrowIfNull(job);
        var experiment = string.Create(CultureInfo.InvariantCulture, $"experiment sources ({experimentSources:N0})");
        return job.NextSlice is { } next
            ? string.Create(CultureInfo.InvariantCulture, $"{experiment} + slice {next.Generation} ({next.Count:N0}) for generation {next.Generation}")
            : experiment;
    }
}
