using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Dispatch;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Dispatch;

/// <summary>
/// Workers mode on the PostgreSQL test server: a run page on the dashboard follows a run another process trains, through
/// the database's change notifications, with every point once and the run's end; the worker runs the dispatch
/// benchmark's sleeping executor, so this also shows that executor going through the dispatch path.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class RemoteRunObserverTests : IDisposable
{
    private readonly ToyWorkbenchHost toy = new(postgreSql: true);

    public void Dispose() => toy.Dispose();

    [Fact]
    public async Task The_dashboard_is_pushed_every_point_of_a_run_a_worker_trains_once_and_its_end()
    {
        using var dashboard = toy.Build(Settings());
        await dashboard.StartAsync();
        var launcher = dashboard.Services.GetRequiredService<IRunLauncher>();
        var config = new RunConfig { CorpusId = "multi30k", TrainSize = 50, DevSize = 4, TestSize = 4, Model = ToyWorkbenchHost.Toy, Training = ToyWorkbenchHost.Quick with { MaxSteps = 8 } };
        var runId = await launcher.StartAsync("followed", config, CancellationToken.None);

        var points = new ConcurrentQueue<MetricSample>();
        var ended = new TaskCompletionSource<RunStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var observation = dashboard.Services.GetRequiredService<IRunMonitor>().Observe(runId, update =>
        {
            foreach (var point in update.NewPoints)
            {
                points.Enqueue(point);
            }

            if (update.Snapshot.IsFinished)
            {
                ended.TrySetResult(update.Snapshot.Status);
            }
        });
        Assert.NotNull(observation);
        Assert.Equal(RunStatus.Queued, observation.Snapshot.Status);
        Assert.Empty(observation.History);

        using var worker = toy.Build(Settings(), services => services.AddSingleton<IRunExecutor>(new SleepingRunExecutor(TimeSpan.FromSeconds(2), TimeProvider.System)), WorkbenchRole.Worker);
        await worker.StartAsync();

        // Alone this takes 10-15 s; in CI four test assemblies and a browser share two cores, and one run timed out
        // after a minute there while passing three times in a row beside the browser tests (10-34 s).
        Assert.Equal(RunStatus.Completed, await ended.Task.WaitAsync(TimeSpan.FromMinutes(3)));
        var steps = points.Where(p => p.Name == MetricNames.TrainLoss).Select(p => p.Step).ToList();
        Assert.Equal(Enumerable.Range(1, 8), steps);
        Assert.Equal([10.0, 5.0], points.Where(p => p.Name == MetricNames.TrainLoss).Take(2).Select(p => p.Value));

        // An ended run has its whole record in the database: nothing to follow.
        Assert.Null(dashboard.Services.GetRequiredService<IRunMonitor>().Observe(runId, _ => { }));
        await worker.StopAsync();
        await dashboard.StopAsync();
    }

    // The dashboard passes on the database's change notifications every 0.1 s instead of 0.5 s.
    private Dictionary<string, string?> Settings() => new(toy.WorkersSettings())
    {
        ["Regurgitate:Database:ChangeCheckInterval"] = "00:00:00.1",
    };
}
