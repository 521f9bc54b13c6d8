using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Workbench.Tests.Execution;

/// <summary>
/// Launches under one new experiment name at the same moment (two dashboards' users, a dashboard and the CLI, a
/// benchmark's warm-up runs) share one experiment row; before, every launch but the first could fail on the name's
/// unique index. Each launch stays one commit (PostgreSqlChangeWatcherTests counts one announcement per launch).
/// </summary>
public sealed class SameNewExperimentNameTests : IDisposable
{
    private readonly TempDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task Concurrent_launches_under_a_new_name_all_land_in_one_experiment()
    {
        await database.MigrateAsync();
        const int Launches = 8;
        var names = Enumerable.Range(0, 5).Select(i => $"grid-{i}").ToArray();
        using var start = new ManualResetEventSlim();
        // A thread and a store per launch, as separate processes would have, released together.
        var launches = names.SelectMany(name => Enumerable.Range(0, Launches).Select(_ => Task.Factory.StartNew(
            () =>
            {
                var store = new RunStore(database.Factory, TimeProvider.System);
                start.Wait();
                return store.CreateRunAsync(name, new RunConfig(), CancellationToken.None).GetAwaiter().GetResult();
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default))).ToList();
        Thread.Sleep(200);
        start.Set();
        var runs = await Task.WhenAll(launches);

        await using var context = await database.Factory.CreateDbContextAsync();
        Assert.Equal(names.Order(), await context.Experiments.Select(e => e.Name).OrderBy(n => n).ToListAsync());
        foreach (var name in names)
        {
            Assert.Equal(Launches, await context.Runs.CountAsync(r => r.Experiment!.Name == name));
        }

        Assert.Equal(names.Length * Launches, runs.Select(r => r.Id).Distinct().Count());
    }
}
