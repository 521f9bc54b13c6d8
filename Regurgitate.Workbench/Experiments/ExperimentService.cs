using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Mitigation;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Executes experiment specs: trains the local generators and lets them translate the experiment's sources, learns
/// the shared tokenizer, queues every grid run through the run coordinator and waits for them. Every step first looks
/// for what an earlier attempt left (completed runs, stored datasets, the tokenizer), so starting a stopped or
/// interrupted experiment again resumes it instead of repeating work. The preparation steps are collaborators:
/// <see cref="LocalGeneratorPreparation"/>, <see cref="PretrainingPreparation"/>, <see cref="HostedPreparation"/>,
/// <see cref="SharedTokenizerPreparation"/> and <see cref="StrategyPreparation"/>.
/// </summary>
public sealed partial class ExperimentService(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IRunLauncher launcher,
    CorpusLoader corpora,
    LocalGeneratorPreparation generators,
    PretrainingPreparation pretraining,
    HostedPreparation hosted,
    SharedTokenizerPreparation tokenizers,
    StrategyPreparation strategies,
    ExperimentBudgets budgets,
    ExperimentPoolCheck pool,
    ArtifactFolders folders,
    TimeProvider timeProvider,
    ILogger<ExperimentService> logger) : IExperimentService, IDisposable
{
    private readonly ConcurrentDictionary<int, CancellationTokenSource> running = new();

    public async Task<int> CreateAsync(ExperimentSpec spec, CancellationToken cancellationToken)
    {
        ExperimentSpecValidator.ThrowIfInvalid(spec);
        if (hosted.ConfigurationErrors(spec) is { Count: > 0 } unconfigured)
        {
            // A hosted spec on a host without a provider would only queue runs bound to fail.
            throw new ExperimentSpecException(unconfigured);
        }

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
        if (!running.TryAdd(experimentId, cancellation))
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
                    running.TryRemove(experimentId, out _);
                    cancellation.Dispose();
                }
            },
            CancellationToken.None);
    }

    public async Task<ExperimentStatusReport> RunToCompletionAsync(int experimentId, IProgress<ExperimentProgress>? progress, CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (!running.TryAdd(experimentId, cancellation))
        {
            // Already running in the background here (e.g. resumed at start-up): follow it to its end, then report.
            await Task.Delay(TimeSpan.FromMilliseconds(500), timeProvider, cancellationToken);
        }

        try
        {
            return await ExecuteAsync(experimentId, progress, cancellation.Token);
        }
        finally
        {
            running.TryRemove(experimentId, out _);
        }
    }

    public async Task<int> AddSeedsAsync(int experimentId, IReadOnlyList<int> seeds, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await context.Experiments.SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment {experimentId} does not exist.");
        if (running.ContainsKey(experimentId) || experiment.Status is ExperimentStatus.Preparing or ExperimentStatus.Running)
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
        if (running.TryGetValue(experimentId, out var cancellation))
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
        foreach (var cancellation in running.Values)
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
            await generators.PrepareAsync(experimentId, expanded, sources, progress, cancellationToken);
            await strategies.PrepareAsync(experimentId, expanded, sources, progress, cancellationToken);
            await pool.ThrowIfAlignedPoolTooSmallAsync(expanded, sources, cancellationToken);
            var waitAlso = new List<int>();
            if (spec.Hosted is not null)
            {
                // Fine-tuned on the provider: no tokenizer or step budget here; the base model's score is the size-0 run.
                (expanded, var zeroShot) = await hosted.PrepareAsync(experimentId, expanded, folder, progress, cancellationToken);
                waitAlso.Add(zeroShot);
            }
            else if (expanded.PretrainingRun is not null)
            {
                // A fine-tuning experiment's vocabulary is the pretrained model's, not one learned from its sources.
                expanded = await pretraining.PrepareAsync(experimentId, expanded, progress, cancellationToken);
            }
            else if (tokenizerDirectory is not null)
            {
                await tokenizers.PrepareAsync(expanded, sources, tokenizerDirectory, progress, cancellationToken);
            }

            // Matched budgets are planned from the all-real runs' batches, which need the shared tokenizer.
            var plan = spec.Hosted is null ? await budgets.ApplyAsync(expanded, progress, cancellationToken) : expanded;

            await SetStatusAsync(experimentId, ExperimentStatus.Running, $"Running {plan.Runs.Count} grid runs", cancellationToken);
            var runIds = await QueueGridAsync(experimentId, plan, cancellationToken);
            var finished = 0;
            var tasks = runIds.Concat(waitAlso).Select(async id =>
            {
                var status = await launcher.WhenFinishedAsync(id, cancellationToken);
                var done = Interlocked.Increment(ref finished);
                progress?.Report(new ExperimentProgress("Running", $"Run {id} {status.ToString().ToLowerInvariant()}", done, runIds.Count + waitAlso.Count));
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} finished: {Summary}")]
    private partial void LogFinished(int experimentId, string summary);

    [LoggerMessage(Level = LogLevel.Error, Message = "Experiment {ExperimentId} stopped with an error")]
    private partial void LogExperimentFailed(Exception exception, int experimentId);
}
