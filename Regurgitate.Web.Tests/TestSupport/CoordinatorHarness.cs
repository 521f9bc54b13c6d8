using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>A started <see cref="RunCoordinator"/> over a temp database, with an optional engine test double.</summary>
public sealed class CoordinatorHarness : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    private CoordinatorHarness(ServiceProvider provider, TempDatabase database)
    {
        this.provider = provider;
        Database = database;
        Coordinator = provider.GetRequiredService<RunCoordinator>();
    }

    public TempDatabase Database { get; }
    public RunCoordinator Coordinator { get; }

    /// <summary>Queue control as the Runs page and the CLI use it.</summary>
    public IRunQueue Queue => provider.GetRequiredService<IRunQueue>();

    public RunStore Store => provider.GetRequiredService<RunStore>();

    public RunLeases Leases => provider.GetRequiredService<RunLeases>();

    public ArtifactFolders Folders => provider.GetRequiredService<ArtifactFolders>();

    /// <summary>Where the run's folder is (unchecked: for tests that plant or inspect files).</summary>
    public string RunDirectoryOf(int runId) => Folders.PathOf(FolderKind.Run, runId);

    public static Task<CoordinatorHarness> StartAsync(IRunExecutor? runner, int maxConcurrentRuns = 1) =>
        StartAsync(runner, new RunsOptions { MaxConcurrentRuns = maxConcurrentRuns, RunsDirectory = "runs" });

    public static async Task<CoordinatorHarness> StartAsync(IRunExecutor? runner, RunsOptions runsOptions)
    {
        var database = new TempDatabase();
        await database.MigrateAsync();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(database.Factory);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment(database.Folder));
        services.AddSingleton(Options.Create(runsOptions));
        services.AddSingleton(Options.Create(new ExperimentsOptions()));
        services.AddSingleton<ArtifactFolders>();
        services.AddSingleton<RunStore>();
        services.AddSingleton(RunOwner.ForThisProcess(TimeProvider.System));
        services.AddSingleton<RunLeases>();
        services.AddSingleton<RunCoordinator>();
        services.AddSingleton<IRunQueue, RunQueue>();
        if (runner is not null)
        {
            services.AddSingleton(runner);
        }

        var harness = new CoordinatorHarness(services.BuildServiceProvider(), database);
        await ((IHostedService)harness.Coordinator).StartAsync(CancellationToken.None);
        return harness;
    }

    public async Task<Run> WaitForFinishAsync(int runId, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            await using var context = await Database.Factory.CreateDbContextAsync();
            var run = await context.Runs.AsNoTracking().SingleAsync(r => r.Id == runId);
            if (run.Status is not (RunStatus.Queued or RunStatus.Running) && Coordinator.Observe(runId, _ => { }) is null)
            {
                return run;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Run {runId} still {run.Status} after {limit.TotalSeconds} s.");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ((IHostedService)Coordinator).StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
        Database.Dispose();
    }

    private sealed class TestHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Regurgitate.Web.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
