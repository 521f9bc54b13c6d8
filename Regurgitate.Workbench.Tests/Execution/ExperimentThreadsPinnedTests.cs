using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Testing;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Tests.TestSupport;

namespace Regurgitate.Workbench.Tests.Execution;

/// <summary>
/// A CPU run's weights depend on its libtorch thread count, so an experiment's runs keep the count its first run trained
/// with even when the placement changes between sessions: seeds added after switching packing on train as the first did.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class ExperimentThreadsPinnedTests : IDisposable
{
    private readonly ToyWorkbenchHost workbench = new();

    public void Dispose() => workbench.Dispose();

    [Fact]
    public async Task Seeds_added_after_the_placement_changed_train_with_the_experiments_first_thread_count()
    {
        var spec = ToyExperimentSpecs.RealVsLow("toy pinned threads", ToyWorkbenchHost.Quick with { Threads = 0 });
        int id;

        // First session: one run at a time with both cores.
        using (var host = workbench.Build(new Dictionary<string, string?> { ["Regurgitate:Runs:Packing"] = "1", ["Regurgitate:Runs:Cores"] = "2" }))
        {
            await host.StartAsync();
            var service = host.Services.GetRequiredService<IExperimentService>();
            id = await service.CreateAsync(spec, CancellationToken.None);
            Assert.Equal(ExperimentStatus.Finished, (await service.RunToCompletionAsync(id, null, CancellationToken.None)).Status);
            await host.StopAsync();
        }

        // Second session: packing would give each run one thread.
        using (var host = workbench.Build(new Dictionary<string, string?> { ["Regurgitate:Runs:Packing"] = "2", ["Regurgitate:Runs:Cores"] = "2" }))
        {
            await host.StartAsync();
            var service = host.Services.GetRequiredService<IExperimentService>();
            Assert.True(await service.AddSeedsAsync(id, [3], CancellationToken.None) > 0);
            Assert.Equal(ExperimentStatus.Finished, (await service.RunToCompletionAsync(id, null, CancellationToken.None)).Status);

            await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
            var runs = await context.Runs.Where(r => r.ExperimentId == id).Select(r => new { r.Seed, r.Role, r.Threads, r.PhaseMessage }).ToListAsync();
            Assert.Contains(runs, r => r.Seed == 3);
            Assert.All(runs, r => Assert.Equal(2, r.Threads));
            await host.StopAsync();
        }
    }
}
