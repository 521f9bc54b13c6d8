using Microsoft.EntityFrameworkCore;
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
}
