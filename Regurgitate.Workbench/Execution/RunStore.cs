using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Execution;

/// <summary>The run coordinator's writes: creating runs and saving their progress in batches.</summary>
public sealed class RunStore(IDbContextFactory<RegurgitateDbContext> contextFactory, TimeProvider timeProvider)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>A stored run's configuration, or null when its JSON can no longer be read (the run then fails saying so).</summary>
    public static RunConfig? TryReadConfig(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<RunConfig>(json, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// A run in the experiment of that name, created with it when missing, in one commit. Two launches under one new
    /// name at the same moment (two processes, or two requests) both read "missing" and both insert the experiment; the
    /// name is unique, so one commit fails, and that launch then joins the experiment the other created.
    /// </summary>
    public async Task<Run> CreateRunAsync(string experimentName, RunConfig config, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
            var existing = await context.Experiments.SingleOrDefaultAsync(e => e.Name == experimentName, cancellationToken);
            var experiment = existing ?? context.Experiments.Add(new Experiment { Name = experimentName, CreatedAt = timeProvider.GetUtcNow() }).Entity;
            try
            {
                return await AddRunAsync(context, experiment, config, RunRole.Single, null, config.Mixture.RealFraction, cancellationToken);
            }
            catch (DbUpdateException) when (existing is null && attempt == 0)
            {
                // The other launch's experiment won the name: read it on the next attempt.
            }
        }
    }

    /// <exception cref="InvalidOperationException">The experiment does not exist.</exception>
    public async Task<Run> CreateRunAsync(RunPlacement placement, RunConfig config, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(placement);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await context.Experiments.SingleOrDefaultAsync(e => e.Id == placement.ExperimentId, cancellationToken)
            ?? throw new InvalidOperationException($"Experiment {placement.ExperimentId} does not exist.");
        return await AddRunAsync(context, experiment, config, placement.Role, placement.Condition, placement.RealFraction, cancellationToken);
    }

    /// <summary>
    /// Runs waiting in the durable queue in the order they start (highest priority, then oldest), with their
    /// experiment; only those of <paramref name="onlyExperiment"/> when it is given.
    /// </summary>
    public async Task<IReadOnlyList<Run>> ListQueuedAsync(string? onlyExperiment, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Queued(context, onlyExperiment).Include(r => r.Experiment)
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The ids of the queued runs in the order they start. The database, not the coordinator's memory, is the queue's
    /// source of truth, so a priority changed or a run cancelled from another process (the CLI) takes effect.
    /// </summary>
    public async Task<IReadOnlyList<int>> ListQueueOrderAsync(string? onlyExperiment, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await Queued(context, onlyExperiment)
            .OrderByDescending(r => r.Priority).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }

    private static IQueryable<Run> Queued(RegurgitateDbContext context, string? onlyExperiment) =>
        onlyExperiment is null
            ? context.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued)
            : context.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Queued && r.Experiment!.Name == onlyExperiment);

    /// <summary>The queued runs of <paramref name="runIds"/>, with their experiment.</summary>
    public async Task<IReadOnlyList<Run>> GetQueuedAsync(IReadOnlyCollection<int> runIds, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs.AsNoTracking().Include(r => r.Experiment)
            .Where(r => r.Status == RunStatus.Queued && runIds.Contains(r.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>Sets the priority of a run that is still queued; false when it is not queued.</summary>
    public async Task<bool> SetPriorityAsync(int runId, int priority, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Priority, priority), cancellationToken) == 1;
    }

    /// <summary>
    /// Sets an experiment's priority and that of each of its runs still queued, in one transaction; the runs it queues
    /// later take it from the experiment. Returns the count of queued runs changed, or null when there is no such experiment.
    /// </summary>
    public async Task<int?> SetExperimentPriorityAsync(int experimentId, int priority, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await context.Experiments.Where(e => e.Id == experimentId).ExecuteUpdateAsync(set => set.SetProperty(e => e.Priority, priority), cancellationToken) == 0)
        {
            return null;
        }

        var runs = await context.Runs.Where(r => r.ExperimentId == experimentId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Priority, priority), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return runs;
    }

    /// <summary>Cancels a run that no process has started yet; false when it is not queued.</summary>
    public async Task<bool> CancelQueuedAsync(int runId, string message, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        return await context.Runs.Where(r => r.Id == runId && r.Status == RunStatus.Queued)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, RunStatus.Cancelled)
                    .SetProperty(r => r.Message, message)
                    .SetProperty(r => r.PhaseMessage, (string?)null)
                    .SetProperty(r => r.FinishedAt, now),
                cancellationToken) == 1;
    }

    /// <summary>
    /// Queues a failed, cancelled or interrupted run again in place (same row, same folder, <see cref="Run.Attempt"/>
    /// + 1); returns the new attempt number, or null when the run is not in one of those states.
    /// </summary>
    public async Task<int?> RequeueForRetryAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var updated = await context.Runs
            .Where(r => r.Id == runId && (r.Status == RunStatus.Failed || r.Status == RunStatus.Cancelled || r.Status == RunStatus.Interrupted))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.Status, RunStatus.Queued)
                    .SetProperty(r => r.Attempt, r => r.Attempt + 1)
                    .SetProperty(r => r.OwnerId, (string?)null)
                    .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.CancelRequested, false)
                    .SetProperty(r => r.Message, "Retried: continues from its last complete checkpoint, if it has one.")
                    .SetProperty(r => r.PhaseMessage, "Queued: retry")
                    .SetProperty(r => r.FinishedAt, (DateTimeOffset?)null)
                    .SetProperty(r => r.TestBleu, (double?)null)
                    .SetProperty(r => r.TestBleuSignature, (string?)null)
                    .SetProperty(r => r.TestChrF, (double?)null)
                    .SetProperty(r => r.TestChrFSignature, (string?)null),
                cancellationToken);
        return updated == 1
            ? await context.Runs.Where(r => r.Id == runId).Select(r => r.Attempt).SingleAsync(cancellationToken)
            : null;
    }

    /// <summary>
    /// A resumed run continues from its checkpoint at <paramref name="step"/>: points the interrupted attempt recorded
    /// for later steps are removed, so the curve has neither gaps nor duplicates. Only while <paramref name="owner"/>
    /// still owns the run: a process that lost its lease must not delete the new owner's points.
    /// </summary>
    public async Task DeletePointsAfterAsync(int runId, int step, RunOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.MetricPoints
            .Where(p => p.RunId == runId && p.Step > step && context.Runs.Any(r => r.Id == runId && r.OwnerId == owner.Id))
            .ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// The libtorch threads a run must train with, or null when it is free to take its placement's: the count it trained
    /// with before (a resumed or retried run continues as it began), else, for a run of a designed experiment, the count
    /// its experiment's first started run used. A CPU run's weights depend on the thread count, so conditions trained with
    /// different counts would differ by more than their data; the placement may change between sessions (packing,
    /// another host), the pin keeps the experiment's comparisons fair.
    /// </summary>
    public async Task<int?> PinnedThreadsAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await context.Runs
            .Where(r => r.Id == runId)
            .Select(r => new { r.ExperimentId, r.Role, r.Threads })
            .SingleOrDefaultAsync(cancellationToken);
        if (run is null || run.Threads is not null || run.Role == RunRole.Single)
        {
            return run?.Threads;
        }

        return await context.Runs
            .Where(r => r.ExperimentId == run.ExperimentId && r.Role != RunRole.Single && r.Threads != null && r.StartedAt != null)
            .OrderBy(r => r.StartedAt)
            .ThenBy(r => r.Id)
            .Select(r => r.Threads)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<RunStatus?> GetStatusAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs.Where(r => r.Id == runId).Select(r => (RunStatus?)r.Status).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<Run> AddRunAsync(RegurgitateDbContext context, Experiment experiment, RunConfig config, RunRole role, string? condition, double realFraction, CancellationToken cancellationToken)
    {
        var run = new Run
        {
            Experiment = experiment,
            ConfigJson = JsonSerializer.Serialize(config, JsonOptions),
            CorpusId = config.CorpusId,
            Role = role,
            Kind = RunKinds.Of(config),
            Condition = condition,
            TrainSize = config.TrainSize,
            Seed = config.Seed,
            RealFraction = realFraction,
            MaxSteps = config.Training.MaxSteps,
            Priority = experiment.Priority,
            Status = RunStatus.Queued,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        context.Runs.Add(run);
        await context.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Writes the run's current state and the points gathered since the last save in one transaction.</summary>
    public async Task SaveProgressAsync(RunSnapshot snapshot, IReadOnlyCollection<MetricSample> newPoints, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await CopyProgressAsync(context, snapshot, newPoints, cancellationToken);
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="SaveProgressAsync"/> for a run this process executes: writes only while <paramref name="owner"/>
    /// still owns the run (false, nothing written, when another process took it over), and with
    /// <paramref name="release"/> gives the run up (owner and lease cleared) in the same transaction.
    /// </summary>
    public async Task<bool> SaveOwnedProgressAsync(RunSnapshot snapshot, IReadOnlyCollection<MetricSample> newPoints, RunOwner owner, bool release, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(owner);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

        // A write first, so this transaction holds SQLite's write lock before it checks the owner: no other process
        // can claim the run between the check and the save.
        var stillMine = await context.Runs.Where(r => r.Id == snapshot.RunId && r.OwnerId == owner.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.OwnerId, r => r.OwnerId), cancellationToken) == 1;
        if (!stillMine)
        {
            return false;
        }

        var run = await CopyProgressAsync(context, snapshot, newPoints, cancellationToken);
        if (release)
        {
            run.OwnerId = null;
            run.LeaseExpiresAt = null;
            run.CancelRequested = false;
        }

        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<Run> CopyProgressAsync(RegurgitateDbContext context, RunSnapshot snapshot, IReadOnlyCollection<MetricSample> newPoints, CancellationToken cancellationToken)
    {
        var run = await context.Runs.SingleAsync(r => r.Id == snapshot.RunId, cancellationToken);
        run.Status = snapshot.Status;
        run.Message = snapshot.Message;
        run.PhaseMessage = snapshot.PhaseMessage;
        run.Device = snapshot.Device;
        run.ParameterCount = snapshot.ParameterCount;
        run.Threads = snapshot.Threads ?? run.Threads;
        if (snapshot.Budget is { } budget)
        {
            run.TrainingPairs = budget.PairsKept;
            run.PairsDropped = budget.PairsDropped;
            run.TargetTokens = budget.TargetTokens;
            run.SourceTokens = budget.SourceTokens;
        }

        run.LastStep = snapshot.Step;
        run.MaxSteps = snapshot.MaxSteps > 0 ? snapshot.MaxSteps : run.MaxSteps;
        run.StartedAt = snapshot.StartedAt;
        run.FinishedAt = snapshot.FinishedAt;
        run.TestBleu = snapshot.TestBleu;
        run.TestBleuSignature = snapshot.TestBleuSignature;
        run.TestChrF = snapshot.TestChrF;
        run.TestChrFSignature = snapshot.TestChrFSignature;
        run.LatestSamplesJson = snapshot.Samples.Count == 0
            ? null
            : JsonSerializer.Serialize(new StoredSamples(snapshot.SamplesSplit, snapshot.SamplesStep, snapshot.Samples), JsonOptions);

        context.MetricPoints.AddRange(newPoints.Select(p => new MetricPoint
        {
            RunId = snapshot.RunId,
            Step = p.Step,
            Name = p.Name,
            Value = p.Value,
            Timestamp = p.Timestamp,
        }));
        return run;
    }

    public static RunSnapshot ToSnapshot(Run run)
    {
        var samples = run.LatestSamplesJson is null ? null : JsonSerializer.Deserialize<StoredSamples>(run.LatestSamplesJson, JsonOptions);
        return new RunSnapshot
        {
            RunId = run.Id,
            Status = run.Status,
            Message = run.Message,
            Device = run.Device,
            ParameterCount = run.ParameterCount,
            Threads = run.Threads,
            Budget = run.TrainingPairs is { } pairs
                ? new TrainingPlanned(run.MaxSteps, run.TargetTokens ?? 0, run.SourceTokens ?? 0, pairs, run.PairsDropped ?? 0)
                : null,
            PhaseMessage = run.PhaseMessage,
            Step = run.LastStep,
            MaxSteps = run.MaxSteps,
            Samples = samples?.Samples ?? [],
            SamplesSplit = samples?.Split,
            SamplesStep = samples?.Step,
            TestBleu = run.TestBleu,
            TestBleuSignature = run.TestBleuSignature,
            TestChrF = run.TestChrF,
            TestChrFSignature = run.TestChrFSignature,
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
        };
    }

    private sealed record StoredSamples(EvaluationSplit? Split, int? Step, IReadOnlyList<TranslationSample> Samples);
}
