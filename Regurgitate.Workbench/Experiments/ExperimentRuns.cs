using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>Looks up an experiment's runs by their place in it, so that resuming an experiment reuses what it started.</summary>
public static class ExperimentRuns
{
    /// <summary>The newest run at this place that completed or is still going; null when it must be started (again).</summary>
    public static async Task<int?> FindReusableAsync(
        IDbContextFactory<RegurgitateDbContext> contextFactory, int experimentId, RunRole role, string condition, int size, int seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.Runs
            .Where(r => r.ExperimentId == experimentId && r.Role == role && r.Condition == condition && r.TrainSize == size && r.Seed == seed
                && (r.Status == RunStatus.Completed || r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .OrderByDescending(r => r.Id)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The newest reusable run of a local generator that trained on the data its job asks for. A generation after the
    /// first whose run learned from other data (before generations had slices of their own, it learned from its
    /// parent's translations of the parent's own training sources) is trained again rather than reused. Generation 1
    /// always drew the same real pairs, so its earlier runs stay reusable.
    /// </summary>
    public static async Task<int?> FindReusableGeneratorAsync(IDbContextFactory<RegurgitateDbContext> contextFactory, int experimentId, GeneratorJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contextFactory);
        ArgumentNullException.ThrowIfNull(job);
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await context.Runs
            .Where(r => r.ExperimentId == experimentId && r.Role == RunRole.Generator && r.Condition == job.Spec.Id && r.TrainSize == job.TrainingRun.TrainSize && r.Seed == job.TrainingRun.Seed
                && (r.Status == RunStatus.Completed || r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.ConfigJson })
            .ToListAsync(cancellationToken);
        return candidates
            .Where(r => job.Generation == 1 || Equals(JsonSerializer.Deserialize<RunConfig>(r.ConfigJson, RunStore.JsonOptions)?.Mixture, job.TrainingRun.Mixture))
            .Select(r => (int?)r.Id)
            .FirstOrDefault();
    }
}
