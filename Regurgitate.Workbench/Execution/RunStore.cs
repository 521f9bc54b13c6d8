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

    public async Task<Run> CreateRunAsync(string experimentName, RunConfig config, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await context.Experiments.SingleOrDefaultAsync(e => e.Name == experimentName, cancellationToken)
            ?? context.Experiments.Add(new Experiment { Name = experimentName, CreatedAt = timeProvider.GetUtcNow() }).Entity;
        return await AddRunAsync(context, experiment, config, RunRole.Single, null, config.Mixture.RealFraction, cancellationToken);
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

    /// <summary>Runs waiting in the durable queue, oldest first, with their experiment.</summary>
    public async Task<IReadOnlyList<Run>> ListQueuedAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs.AsNoTracking().Include(r => r.Experiment).Where(r => r.Status == RunStatus.Queued).OrderBy(r => r.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// A resumed run continues from its checkpoint at <paramref name="step"/>: points the interrupted attempt recorded
    /// for later steps are removed, so the curve has neither gaps nor duplicates.
    /// </summary>
    public async Task DeletePointsAfterAsync(int runId, int step, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await context.MetricPoints.Where(p => p.RunId == runId && p.Step > step).ExecuteDeleteAsync(cancellationToken);
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
            Condition = condition,
            TrainSize = config.TrainSize,
            Seed = config.Seed,
            RealFraction = realFraction,
            MaxSteps = config.Training.MaxSteps,
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
        var run = await context.Runs.SingleAsync(r => r.Id == snapshot.RunId, cancellationToken);
        run.Status = snapshot.Status;
        run.Message = snapshot.Message;
        run.PhaseMessage = snapshot.PhaseMessage;
        run.Device = snapshot.Device;
        run.ParameterCount = snapshot.ParameterCount;
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
        await context.SaveChangesAsync(cancellationToken);
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
