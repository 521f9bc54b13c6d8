using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Training;
using Regurgitate.Testing;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Tests.Execution;

/// <summary>
/// A run the workbench records writes each checkpoint only once the points before it are in the database: the training
/// thread, which runs ahead of the recorder, waits for the recorder's confirmation (<see cref="RunResources.ConfirmStoredBeforeCheckpoint"/>).
/// Looked at from the training thread as the step after a checkpoint begins, the database already holds every step up
/// to the checkpoint, so a kill right after a checkpoint never resumes past points the curve did not receive.
/// </summary>
public sealed class CheckpointAfterStoredPointsTests : IDisposable
{
    private readonly ToyWorkbenchHost toy = new();

    public void Dispose() => toy.Dispose();

    private static RunConfig Toy => new()
    {
        CorpusId = "multi30k",
        TrainSize = 200,
        DevSize = 8,
        TestSize = 8,
        Model = ToyWorkbenchHost.Toy,
        Training = ToyWorkbenchHost.Quick with { Epochs = 4, MaxSteps = 12, EvaluateEvery = 4, Threads = 1 },
    };

    [Fact]
    public async Task The_points_before_each_checkpoint_are_stored_before_the_checkpoint_is_written()
    {
        var probe = new StoredStepsProbe();
        using var host = toy.Build(services: s => s.AddSingleton<ITrainingFaultInjector>(probe));
        probe.Database = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await host.StartAsync();
        var launcher = host.Services.GetRequiredService<IRunLauncher>();

        var runId = await launcher.StartAsync("stored before checkpoints", Toy, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, await launcher.WhenFinishedAsync(runId, new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token));
        // Steps 5 and 9 begin just after the checkpoints of steps 4 and 8 were written.
        Assert.Equal(4, probe.StoredWhenStepBegan[5]);
        Assert.Equal(8, probe.StoredWhenStepBegan[9]);
        await host.StopAsync();
    }

    /// <summary>Reads, on the training thread, the last stored step of the training loss as chosen steps begin.</summary>
    private sealed class StoredStepsProbe : ITrainingFaultInjector
    {
        public IDbContextFactory<RegurgitateDbContext>? Database { get; set; }

        public ConcurrentDictionary<int, int> StoredWhenStepBegan { get; } = new();

        public void BeforeStep(int step)
        {
            if (step is 5 or 9)
            {
                using var context = Database!.CreateDbContext();
                StoredWhenStepBegan[step] = context.MetricPoints.Where(p => p.Name == MetricNames.TrainLoss).Max(p => (int?)p.Step) ?? 0;
            }
        }

        public void BeforeEvaluation(int step)
        {
        }
    }
}
