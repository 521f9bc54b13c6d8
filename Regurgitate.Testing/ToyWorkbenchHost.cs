using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench;

namespace Regurgitate.Testing;

/// <summary>
/// A headless workbench (database, run coordinator, experiment service) in a temp content root, reading corpora from the
/// shared data folder, for experiments at toy scale: models and training settings small enough for seconds per run.
/// </summary>
/// <param name="postgreSql">True or false for a test about one provider; null takes the one the test run selects.</param>
public sealed class ToyWorkbenchHost(bool? postgreSql = null) : IDisposable
{
    public static ModelConfig Toy { get; } = ModelConfig.Tiny with { VocabSize = 300, MaxPositions = 64 };

    public static TrainingConfig Quick { get; } = new() { Epochs = 1, MaxSteps = 1_000, EvaluateEvery = 1_000, TokensPerBatch = 512, WarmupSteps = 4, MaxTokensPerSentence = 40, Threads = 2 };

    public string Root { get; } = Directory.CreateTempSubdirectory("regurgitate-experiments-").FullName;

    /// <summary>
    /// The host's database: a SQLite file under <see cref="Root"/>, or, when <see cref="PostgreSqlTestServer.Selected"/>,
    /// a database of its own on the test server; every <see cref="Build"/> (a restart) opens the same one.
    /// </summary>
    private IReadOnlyDictionary<string, string?> Database => database ??= (postgreSql ?? PostgreSqlTestServer.Selected)
        ? new Dictionary<string, string?>
        {
            ["ConnectionStrings:Regurgitate"] = PostgreSqlTestServer.Shared.CreateDatabase(),
            ["Regurgitate:Database:Provider"] = "PostgreSql",
        }
        : new Dictionary<string, string?> { ["ConnectionStrings:Regurgitate"] = "Data Source=App_Data/test.db" };

    private IReadOnlyDictionary<string, string?>? database;

    /// <summary>
    /// Workers mode as the dispatch tests run it: the artifact folders under one shared folder (what every host of a real
    /// installation must share), and short queue, flush and heartbeat intervals.
    /// </summary>
    public Dictionary<string, string?> WorkersSettings() => new()
    {
        ["Regurgitate:Dispatch:Mode"] = "Workers",
        ["Regurgitate:Runs:RunsDirectory"] = Path.Combine(Root, "shared", "runs"),
        ["Regurgitate:Experiments:ExperimentsDirectory"] = Path.Combine(Root, "shared", "experiments"),
        ["Regurgitate:Data:DatasetsDirectory"] = Path.Combine(Root, "shared", "datasets"),
        ["Regurgitate:Runs:QueuePollInterval"] = "00:00:00.1",
        ["Regurgitate:Runs:MetricFlushInterval"] = "00:00:00.1",
        ["Regurgitate:Runs:HeartbeatInterval"] = "00:00:00.2",
    };

    /// <param name="settings">Configuration on top of the toy defaults (e.g. <c>Regurgitate:Runs:MaxConcurrentRuns</c>).</param>
    /// <param name="services">Registrations added after the workbench's (e.g. a logger provider that captures what is logged).</param>
    /// <param name="role">A dashboard, or a <c>regurgitate worker</c> (Workers mode).</param>
    public IHost Build(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, Regurgitate.Workbench.Dispatch.WorkbenchRole role = Regurgitate.Workbench.Dispatch.WorkbenchRole.Dashboard)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Root, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(Database)
        {
            ["Regurgitate:Data:DataDirectory"] = SharedFolders.Data,
        });

        // A later source overrides an earlier one, key by key.
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddRegurgitateWorkbench(builder.Configuration, Root, role);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public void Dispose()
    {
        if (database is not null && database.TryGetValue("Regurgitate:Database:Provider", out _))
        {
            PostgreSqlTestServer.Shared.DropDatabase(database["ConnectionStrings:Regurgitate"]!);
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
