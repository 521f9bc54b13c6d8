using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Strategies;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Executes experiment specs: trains the local generators and lets them translate the experiment's sources, learns
/// the shared tokenizer, queues every grid run through the run coordinator and waits for them. Every step first looks
/// for what an earlier attempt left (completed runs, stored datasets, the tokenizer), so starting a stopped or
/// interrupted experiment again resumes it instead of repeating work.
/// </summary>
public sealed partial class ExperimentService(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IRunLauncher launcher,
    CorpusLoader corpora,
    SyntheticDatasetRepository datasets,
    StrategyPreparation strategies,
    ExperimentBudgets budgets,
    ExperimentPoolCheck pool,
    ArtifactFolders folders,
    TimeProvider timeProvider,
    ILogger<ExperimentService> logger) : IExperimentService, IDisposable
{
    private readonly ConcurrentDictionary<int, CancellationTokenSource> _running = new();

    public async Task<int> CreateAsync(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        ExperimentSpecValidator.ThrowIfInvalid(spec);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await context.Experiments.AnyAsync(e => e.Name == spec.Name, cancellationToken))
        {
            throw new ExperimentSpecException([new RunConfigError("name", $"An experiment named '{spec.Name}' exists already; choose another name.")]);
        }

        // The pool's size is known only once the corpus is loaded: sizes it cannot hold are refused before anything is stored.
        if (await CheckPoolAsync(spec, cancellationToken) is { Count: > 0 } tooLarge)
        {
            throw new ExperimentSpecException(tooLarge);
        }

        var experiment = new Experiment
        {
            Name = spec.Name,
            Description = spec.Description,
            CreatedAt = timeProvider.GetUtcNow(),
            SpecJson = ExperimentSpecJson.Serialize(spec),
            Status = ExperimentStatus.Draft,
        };
        context.Experiments.Add(experiment);
        await context.SaveChangesAsync(cancellationToken);
        LogCreated(experiment.Id, spec.Name);
        return experiment.Id;
    }

    public async Task StartAsync(int experimentId, CancellationToken cancellationToken)
    {
        var cancellation = new CancellationTokenSource();
        if (!_running.TryAdd(experimentId, cancellation))
        {
            cancellation.Dispose();
            return;
        }

        // Visible as active before this returns, so a page opened right after launching keeps following it.
        await SetStatusAsync(experimentId, ExperimentStatus.Preparing, "Starting", cancellationToken);

        _ = Task.Run(
            async () =>
            {
                try
                {
                    await ExecuteAsync(experimentId, null, cancellation.Token);
                }
                catch (Exception ex)
                {
                    LogExperimentFailed(ex, experimentId);
                }
                finally
                {
                    _running.TryRemove(experimentId, out _);
                    cancellation.Dispose();
                }
            },
            CancellationToken.None);
    }

    public async Task<ExperimentStatusReport> RunToCompletionAsync(int experimentId, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!_running.TryAdd(experimentId, cancellation))
        {
            // Already running in the background here (e.g. resumed at start-up): follow it to its end, then report.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        try
        {
            return await ExecuteAsync(experimentId, progress, cancellation.Token);
        }
        finally
        {
            _running.TryRemove(experimentId, out _);
        }
    }

    public async Task<int> AddSeedsAsync(int experimentId, IReadOnlyList<int> seeds, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await context.Experiments.SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment {experimentId} does not exist.");
        if (_running.ContainsKey(experimentId) || experiment.Status is ExperimentStatus.Preparing or ExperimentStatus.Running)
        {
            throw new InvalidOperationException($"Experiment {experimentId} is {(experiment.Status ?? ExperimentStatus.Running).ToString().ToLowerInvariant()}; stop it or let it finish before adding seeds.");
        }

        var stored = SpecOf(experiment);
        var grown = SeedExtension.WithSeeds(stored, seeds);
        var added = grown.Seeds.Count - stored.Seeds.Count;
        if (added == 0)
        {
            throw new ExperimentSpecException([new RunConfigError("seeds", $"Experiment {experimentId} has seed(s) {string.Join(", ", stored.Seeds)} already; give at least one new seed.")]);
        }

        ExperimentSpecValidator.ThrowIfInvalid(grown);
        var newRuns = ExperimentGrid.Expand(grown).Runs.Count(r => !stored.Seeds.Contains(r.Seed));
        var addedSeeds = string.Join(", ", grown.Seeds.Skip(stored.Seeds.Count));
        experiment.SpecJson = ExperimentSpecJson.Serialize(grown);
        experiment.Status = ExperimentStatus.Stopped;
        experiment.StatusMessage = $"Seed(s) {addedSeeds} added: start the experiment to train its {newRuns} new run(s); completed runs are kept.";
        await context.SaveChangesAsync(cancellationToken);
        LogSeedsAdded(experimentId, addedSeeds, newRuns);
        return newRuns;
    }

    public async Task StopAsync(int experimentId, CancellationToken cancellationToken)
    {
        if (_running.TryGetValue(experimentId, out var cancellation))
        {
            await cancellation.CancelAsync();
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var active = await context.Runs
            .Where(r => r.ExperimentId == experimentId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
        foreach (var runId in active)
        {
            launcher.Cancel(runId);
        }
    }

    public Task<IReadOnlyList<RunConfigError>> CheckPoolAsync(ExperimentSpec spec, CancellationToken cancellationToken) => pool.ErrorsAsync(spec, cancellationToken);

    public ExperimentEstimate Estimate(ExperimentSpec spec) => ExperimentEstimator.Estimate(spec);

    public void Dispose()
    {
        foreach (var cancellation in _running.Values)
        {
            cancellation.Cancel();
        }
    }

    private async Task<ExperimentStatusReport> ExecuteAsync(int experimentId, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        var spec = await LoadSpecAsync(experimentId, cancellationToken);

        // The shared tokenizer and scores are reused only from this experiment's own folder, never from a namesake's.
        var folder = await folders.ClaimExperimentAsync(experimentId, cancellationToken);
        var tokenizerDirectory = spec.Tokenizer == TokenizerSharing.Shared ? Path.Combine(folder, ArtifactFolders.TokenizerFolderName) : null;
        var expanded = ExperimentGrid.Expand(spec, tokenizerDirectory, Path.Combine(folder, ArtifactFolders.ScoresFolderName));
        try
        {
            await SetStatusAsync(experimentId, ExperimentStatus.Preparing, "Preparing data", cancellationToken);
            progress?.Report(new ExperimentProgress("Preparing", "Selecting the experiment's sources", 0, expanded.Runs.Count));
            var sources = await ExperimentSources.SelectAsync(expanded, corpora, cancellationToken);
            await PrepareGeneratorsAsync(experimentId, expanded, sources, progress, cancellationToken);
            await strategies.PrepareAsync(experimentId, expanded, sources, progress, cancellationToken);
            await pool.ThrowIfAlignedPoolTooSmallAsync(expanded, sources, cancellationToken);
            if (tokenizerDirectory is not null)
            {
                await PrepareTokenizerAsync(expanded, sources, tokenizerDirectory, progress, cancellationToken);
            }

            // Matched budgets are planned from the all-real runs' batches, which need the shared tokenizer.
            var plan = await budgets.ApplyAsync(expanded, progress, cancellationToken);

            await SetStatusAsync(experimentId, ExperimentStatus.Running, $"Running {plan.Runs.Count} grid runs", cancellationToken);
            var runIds = await QueueGridAsync(experimentId, plan, cancellationToken);
            var finished = 0;
            var tasks = runIds.Select(async id =>
            {
                var status = await launcher.WhenFinishedAsync(id, cancellationToken);
                var done = Interlocked.Increment(ref finished);
                progress?.Report(new ExperimentProgress("Running", $"Run {id} {status.ToString().ToLowerInvariant()}", done, runIds.Count));
                return status;
            }).ToList();
            await Task.WhenAll(tasks);

            var counts = await RunCountsAsync(experimentId, cancellationToken);
            var message = string.Join(", ", counts.Select(c => $"{c.Value} {c.Key.ToString().ToLowerInvariant()}"));
            await SetStatusAsync(experimentId, ExperimentStatus.Finished, $"Grid finished: {message}", CancellationToken.None);
            LogFinished(experimentId, message);
            return new ExperimentStatusReport(experimentId, ExperimentStatus.Finished, message, counts);
        }
        catch (OperationCanceledException)
        {
            await SetStatusAsync(experimentId, ExperimentStatus.Stopped, "Stopped by the user. Start it again to resume.", CancellationToken.None);
            return new ExperimentStatusReport(experimentId, ExperimentStatus.Stopped, "Stopped by the user.", await RunCountsAsync(experimentId, CancellationToken.None));
        }
        catch (Exception ex)
        {
            LogExperimentFailed(ex, experimentId);
            await SetStatusAsync(experimentId, ExperimentStatus.Stopped, ex.Message, CancellationToken.None);
            return new ExperimentStatusReport(experimentId, ExperimentStatus.Stopped, ex.Message, await RunCountsAsync(experimentId, CancellationToken.None));
        }
    }

    private async Task PrepareGeneratorsAsync(int experimentId, ExperimentPlan plan, ExperimentSources sources, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
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
        var report = new Progress<GenerationProgress>(p =>
            progress?.Report(new ExperimentProgress("Preparing", $"Translating {p.Total:N0} sources into {datasetId}", 0, totalRuns, (double)p.Completed / Math.Max(1, p.Total))));
        var set = await SyntheticSetBuilder.BuildAsync(generator, segments, report, cancellationToken);
        await datasets.SaveAsync(set, cancellationToken);
        LogTranslated(datasetId, set.SucceededCount, set.FailedCount);
    }

    private async Task PrepareTokenizerAsync(ExperimentPlan plan, ExperimentSources sources, string directory, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        if (File.Exists(Path.Combine(directory, SubwordTokenizer.VocabularyFileName)))
        {
            return;
        }

        progress?.Report(new ExperimentProgress("Preparing", $"Learning the shared {plan.Spec.Model.VocabSize}-symbol vocabulary", 0, plan.Runs.Count));
        var ids = plan.Runs.SelectMany(r => r.Config.Mixture.GeneratorIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var sets = new List<SyntheticTargetSet>();
        foreach (var id in ids)
        {
            sets.Add(await datasets.LoadAsync(id, cancellationToken));
        }

        var candidates = sources.Experiment.Where(p => sets.All(s => s.Covers(p.Source))).ToList();
        var tokenizer = await Task.Run(() => SharedTokenizer.Learn(candidates, sets, plan.Spec.Model.VocabSize, null, cancellationToken), cancellationToken);
        var temporary = directory + ".tmp";
        if (Directory.Exists(temporary))
        {
            Directory.Delete(temporary, recursive: true);
        }

        tokenizer.Save(temporary);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Directory.Move(temporary, directory);
    }

    private async Task<IReadOnlyList<int>> QueueGridAsync(int experimentId, ExperimentPlan plan, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var existing = await context.Runs
            .Where(r => r.ExperimentId == experimentId && r.Role == RunRole.Grid)
            .Select(r => new { r.Id, r.Condition, r.TrainSize, r.Seed, r.Status })
            .ToListAsync(cancellationToken);

        var ids = new List<int>();
        foreach (var point in plan.Runs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var previous = existing
                .Where(r => r.Condition == point.Condition && r.TrainSize == point.Size && r.Seed == point.Seed)
                .OrderByDescending(r => r.Id)
                .FirstOrDefault();
            if (previous is not null && previous.Status is RunStatus.Completed or RunStatus.Queued or RunStatus.Running)
            {
                ids.Add(previous.Id);
                continue;
            }

            ids.Add(await launcher.StartAsync(new RunPlacement(experimentId, RunRole.Grid, point.Condition, point.RealFraction), point.Config, cancellationToken));
        }

        return ids;
    }

    private async Task<ExperimentSpec> LoadSpecAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await context.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment {experimentId} does not exist.");
        return SpecOf(experiment);
    }

    private static ExperimentSpec SpecOf(Experiment experiment) => experiment.SpecJson is null
        ? throw new InvalidOperationException($"Experiment '{experiment.Name}' was not defined by a spec; its runs were started one by one.")
        : ExperimentSpecJson.Parse(experiment.SpecJson, $"experiment {experiment.Id}");

    private async Task SetStatusAsync(int experimentId, ExperimentStatus status, string message, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.Experiments.Where(e => e.Id == experimentId).ExecuteUpdateAsync(
            set => set.SetProperty(e => e.Status, status).SetProperty(e => e.StatusMessage, message),
            cancellationToken);
    }

    private async Task<IReadOnlyDictionary<RunStatus, int>> RunCountsAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.Runs
            .Where(r => r.ExperimentId == experimentId && r.Role == RunRole.Grid)
            .GroupBy(r => r.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => r.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} gained seeds {Seeds}: {NewRuns} new grid runs")]
    private partial void LogSeedsAdded(int experimentId, string seeds, int newRuns);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} '{Name}' created")]
    private partial void LogCreated(int experimentId, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {DatasetId}: {Succeeded} translations, {Failed} failures")]
    private partial void LogTranslated(string datasetId, int succeeded, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} finished: {Summary}")]
    private partial void LogFinished(int experimentId, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Experiment {ExperimentId} stopped with an error")]
    private partial void LogExperimentFailed(Exception exception, int experimentId);
}
