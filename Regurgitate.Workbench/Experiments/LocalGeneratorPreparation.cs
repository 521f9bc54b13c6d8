using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Progress;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Prepares an experiment's local generators before its grid runs: stores the real slices they train on, trains each
/// generator as a run (or reuses one an earlier attempt trained), and lets it translate the experiment's sources, the
/// next generation's slice and, for detector strategies, the held-out sources. Every step is skipped when its dataset
/// is stored already, so a restarted experiment resumes here.
/// </summary>
public sealed partial class LocalGeneratorPreparation(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IRunLauncher launcher,
    SyntheticDatasetRepository datasets,
    ArtifactFolders folders,
    ILogger<LocalGeneratorPreparation> logger)
{
    /// <summary>Trains each generator not yet trained and stores every translation set of it the plan needs.</summary>
    public async Task PrepareAsync(int experimentId, ExperimentPlan plan, ExperimentSources sources, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        if (plan.Generators.Count == 0)
        {
            return;
        }

        foreach (var slice in plan.GenerationSlices.Where(slice => !datasets.Exists(slice.RealDatasetId)))
        {
            await datasets.SaveAsync(sources.SliceRealSet(slice), cancellationToken);
        }

        foreach (var job in plan.Generators)
        {
            var nextSliceDatasetId = job.NextSliceDatasetId;
            var needsHeldOut = plan.Scorings.Any(s => s.Strategy.Order == StrategyOrder.Detector && s.GeneratorIds.Contains(job.DatasetId, StringComparer.OrdinalIgnoreCase));
            var heldOutDatasetId = job.HeldOutDatasetId;
            if (datasets.Exists(job.DatasetId) && (nextSliceDatasetId is null || datasets.Exists(nextSliceDatasetId)) && (!needsHeldOut || datasets.Exists(heldOutDatasetId)))
            {
                progress?.Report(new ExperimentProgress("Preparing", $"Generator '{job.Spec.Id}': translations already stored ({job.DatasetId})", 0, plan.Runs.Count));
                continue;
            }

            var runId = await ExperimentRuns.FindReusableGeneratorAsync(contextFactory, experimentId, job, cancellationToken);
            if (runId is null)
            {
                progress?.Report(new ExperimentProgress("Preparing", $"Training generator '{job.Spec.Id}' (generation {job.Generation}) on {job.TrainingRun.TrainSize:N0} pairs", 0, plan.Runs.Count));
                runId = await launcher.StartAsync(new RunPlacement(experimentId, RunRole.Generator, job.Spec.Id, job.TrainingRun.Mixture.RealFraction), job.TrainingRun, cancellationToken);
            }

            var status = await launcher.WhenFinishedAsync(runId.Value, cancellationToken);
            if (status != RunStatus.Completed)
            {
                throw new InvalidOperationException($"Generator '{job.Spec.Id}' (run {runId}) ended {status.ToString().ToLowerInvariant()}; the experiment cannot continue without its translations.");
            }

            var runDirectory = await folders.VerifyRunAsync(runId.Value, cancellationToken);
            var descriptor = new GeneratorDescriptor
            {
                Id = job.DatasetId,
                Name = $"Local generator '{job.Spec.Id}' (run {runId}, generation {job.Generation}, {job.TrainingRun.TrainSize:N0} pairs from {job.Spec.TrainOn})",
                Kind = GeneratorKind.Local,
                Family = "regurgitate",
                Settings = new Dictionary<string, string>
                {
                    ["run"] = runId.Value.ToString(CultureInfo.InvariantCulture),
                    ["spec"] = JsonSerializer.Serialize(job.Spec, ExperimentSpecJson.Options),
                    ["decoding"] = $"beam {job.Spec.BeamSize}",
                    ["generation"] = job.Generation.ToString(CultureInfo.InvariantCulture),
                    ["trained-on"] = GenerationProvenance.TrainedOn(plan, job),
                    ["translated"] = GenerationProvenance.Translated(job, sources.Experiment.Count),
                },
            };
            if (!datasets.Exists(job.DatasetId))
            {
                await TranslateAsync(descriptor, runDirectory, job.Spec.BeamSize, sources.Experiment, job.DatasetId, progress, plan.Runs.Count, cancellationToken);
            }

            // The next generation learns from a slice this generator never saw, not from its own training sources.
            if (job.NextSlice is { } next && !datasets.Exists(nextSliceDatasetId!))
            {
                await TranslateAsync(descriptor with { Id = nextSliceDatasetId! }, runDirectory, job.Spec.BeamSize, sources.Slices[next.Generation - 1], nextSliceDatasetId!, progress, plan.Runs.Count, cancellationToken);
            }

            // The detector learns what this generator's English looks like from sources no training set contains.
            if (needsHeldOut && !datasets.Exists(heldOutDatasetId))
            {
                await TranslateAsync(descriptor with { Id = heldOutDatasetId }, runDirectory, job.Spec.BeamSize, sources.HeldOut, heldOutDatasetId, progress, plan.Runs.Count, cancellationToken);
            }
        }
    }

    private async Task TranslateAsync(
        GeneratorDescriptor descriptor,
        string runDirectory,
        int beamSize,
        IReadOnlyList<SentencePair> pairs,
        string datasetId,
        IProgress<ExperimentProgress>? progress,
        int totalRuns,
        CancellationToken cancellationToken)
    {
        var generator = new LocalModelGenerator(descriptor, runDirectory, DecodingConfig.Beam(beamSize));
        var segments = pairs.Select((p, i) => new SourceSegment(i, p.Source)).ToList();
        var report = new SynchronousProgress<GenerationProgress>(p =>
            progress?.Report(new ExperimentProgress("Preparing", $"Translating {p.Total:N0} sources into {datasetId}", 0, totalRuns, (double)p.Completed / Math.Max(1, p.Total))));
        var set = await SyntheticSetBuilder.BuildAsync(generator, segments, report, cancellationToken);
        await datasets.SaveAsync(set, cancellationToken);
        LogTranslated(datasetId, set.SucceededCount, set.FailedCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {DatasetId}: {Succeeded} translations, {Failed} failures")]
    private partial void LogTranslated(string datasetId, int succeeded, int failed);
}
