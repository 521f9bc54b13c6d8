using Microsoft.EntityFrameworkCore;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Runs;

public sealed class RunQueries(IDbContextFactory<RegurgitateDbContext> contextFactory) : IRunQueries
{
    public async Task<IReadOnlyList<RunSummary>> ListRunsAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var rows = await context.Runs
            .AsNoTracking()
            .OrderByDescending(r => r.Id)
            .Select(r => new RunSummary(
                r.Id,
                r.Experiment!.Name,
                r.CorpusId,
                r.Status,
                r.LastStep,
                r.TrainingPairs == null ? null : (int?)r.MaxSteps,
                r.MetricPoints.Where(p => p.Name == MetricNames.TrainLoss).OrderByDescending(p => p.Step).Select(p => (double?)p.Value).FirstOrDefault(),
                r.MetricPoints.Where(p => p.Name == MetricNames.DevBleu).Max(p => (double?)p.Value),
                r.TestBleu,
                r.CreatedAt,
                r.Priority,
                r.Attempt,
                null))
            .ToListAsync(cancellationToken);

        // The coordinator's order: highest priority first, then oldest.
        var positions = rows.Where(r => r.Status == RunStatus.Queued).OrderByDescending(r => r.Priority).ThenBy(r => r.Id)
            .Select((r, i) => (r.Id, Position: i + 1)).ToDictionary(p => p.Id, p => p.Position);
        return [.. rows.Select(r => positions.TryGetValue(r.Id, out var position) ? r with { QueuePosition = position } : r)];
    }

    public async Task<RunDetails?> GetRunAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var run = await context.Runs.AsNoTracking().Include(r => r.Experiment).SingleOrDefaultAsync(r => r.Id == runId, cancellationToken);
        return run is null
            ? null
            : new RunDetails(run.Id, run.Experiment!.Name, run.ConfigJson, run.CorpusId, run.CreatedAt, RunStore.ToSnapshot(run));
    }

    public async Task<IReadOnlyList<MetricSample>> GetMetricsAsync(int runId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.MetricPoints
            .AsNoTracking()
            .Where(p => p.RunId == runId)
            .OrderBy(p => p.Name).ThenBy(p => p.Step)
            .Select(p => new MetricSample(p.Step, p.Name, p.Value, p.Timestamp))
            .ToListAsync(cancellationToken);
    }
}
