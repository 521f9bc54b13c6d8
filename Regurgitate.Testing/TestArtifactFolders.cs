using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>The folder resolver over a test database, with run and experiment folders under a given root.</summary>
public static class TestArtifactFolders
{
    public static ArtifactFolders Create(IDbContextFactory<RegurgitateDbContext> factory, string root, TimeProvider? timeProvider = null) => new(
        factory,
        Options.Create(new RunsOptions { RunsDirectory = Path.Combine(root, "runs") }),
        Options.Create(new ExperimentsOptions { ExperimentsDirectory = Path.Combine(root, "experiments") }),
        new Environment(root),
        timeProvider ?? TimeProvider.System,
        NullLogger<ArtifactFolders>.Instance);

    /// <summary>The database initializer as the host builds it, with folders under the database's own folder.</summary>
    public static DatabaseInitializer Initializer(IDbContextFactory<RegurgitateDbContext> factory, string root, RunsOptions runsOptions) => new(
        factory,
        Options.Create(runsOptions),
        Migrator(factory, root),
        Options.Create(new Regurgitate.Workbench.Dispatch.DispatchOptions()),
        TimeProvider.System,
        NullLogger<DatabaseInitializer>.Instance);

    public static DatabaseMigrator Migrator(IDbContextFactory<RegurgitateDbContext> factory, string root) =>
        new(factory, new FolderAdoption(factory, Create(factory, root), NullLogger<FolderAdoption>.Instance));

    private sealed class Environment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "Regurgitate.Testing";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
