using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Experiments;

/// <summary>
/// Experiments that were preparing or running when the application stopped start again by themselves once the
/// durable run queue is back: finished runs and generated data are reused, queued runs continue from their checkpoints.
/// </summary>
public sealed partial class ExperimentResumer(
    IDbContextFactory<RegurgitateDbContext> contextFactory,
    IExperimentService experiments,
    IOptions<RunsOptions> options,
    ILogger<ExperimentResumer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ResumeInterrupted)
        {
            return;
        }

        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        var only = options.Value.OnlyExperiment;
        var interrupted = await context.Experiments
            .Where(e => e.Status == ExperimentStatus.Stopped && e.StatusMessage == DatabaseInitializer.ExperimentInterruptedMessage)

            // A process limited to one experiment leaves the others to the dashboard, which resumes them itself.
            .Where(e => only == null || e.Name == only)
            .Select(e => e.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in interrupted)
        {
            LogResuming(id);
            await experiments.StartAsync(id, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Experiment {ExperimentId} was in progress when the application stopped; resuming it")]
    private partial void LogResuming(int experimentId);
}
