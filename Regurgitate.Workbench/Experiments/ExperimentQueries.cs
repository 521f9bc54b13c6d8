using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <param name="folders">The runs' own folders, for the failure counts their training-set.json files hold; without it none are read.</param>
/// <param name="runsOptions">How many runs train at once, for the grid's expected end; one when absent.</param>
/// <param name="timeProvider">The clock the expected end is read on; the system clock when absent.</param>
public sealed class ExperimentQueries(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    Folders.ArtifactFolders? folders = null,
    Microsoft.Extensions.Options.IOptions<RunsOptions>? runsOptions = null,
    TimeProvider? timeProvider = null) : IExperimentQueries
{
    public async Task<IReadOnlyList<ExperimentSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Experiments
            .AsNoTracking()
            .OrderByDescending(e => e.Id)
            .Select(e => new ExperimentSummary(
                e.Id,
                e.Name,
                e.Description,
                e.CreatedAt,
                e.Status,
                e.Runs.Count,
                e.Runs.Count(r => r.Status == RunStatus.Completed),
                e.SpecJson != null)
            {
                RunsRunning = e.Runs.Count(r => r.Status == RunStatus.Running),
                RunsQueued = e.Runs.Count(r => r.Status == RunStatus.Queued),
            })
            .ToListAsync(cancellationToken);
    }

    public async Task<(int Id, string? SpecJson)?> FindByNameAsync(string name, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var found = await context.Experiments.AsNoTracking()
            .Where(e => e.Name == name)
            .Select(e => new { e.Id, e.SpecJson })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.SpecJson);
    }

    public async Task<ExperimentDetail?> GetAsync(int experimentId, CancellationToken cancellationToken)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var experiment = await context.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == experimentId, cancellationToken);
        if (experiment is null)
        {
            return null;
        }

        var runs = await context.Runs
            .AsNoTracking()
            .Where(r => r.ExperimentId == experimentId)
            .OrderBy(r => r.Id)
            .Select(r => new ExperimentRunRow(
                r.Id, r.Role, r.Condition, r.TrainSize, r.Seed, r.RealFraction, r.Status, r.LastStep, r.MaxSteps, r.PhaseMessage,
                r.TestBleu, r.TestChrF, r.TestBleuSignature, r.StartedAt, r.FinishedAt, r.ParameterCount,
                r.TrainingPairs, r.PairsDropped, r.TargetTokens, r.SourceTokens))
            .ToListAsync(cancellationToken);

        ExperimentSpec? spec = null;
        if (experiment.SpecJson is not null)
        {
            try
            {
                spec = ExperimentSpecJson.Parse(experiment.SpecJson);
            }
            catch (ExperimentSpecException)
            {
                // A spec saved by another version may no longer validate; the runs are still worth showing.
            }
        }

        return new ExperimentDetail(experiment.Id, experiment.Name, experiment.Description, experiment.CreatedAt, experiment.Status, experiment.StatusMessage, spec, runs)
        {
            FailedGenerations = folders is null ? [] : await FailedGenerations.ReadAsync(spec, runs, folders.VerifyRunAsync, cancellationToken),
            Priority = experiment.Priority,
            Queue = await ExperimentQueueReader.ReadAsync(
                context, experimentId, runs, runsOptions?.Value.MaxConcurrentRuns ?? 1, (timeProvider ?? TimeProvider.System).GetUtcNow(), cancellationToken),
        };
    }
}
