using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Regurgitate.Engine.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Xunit.Abstractions;

namespace Regurgitate.Web.Tests.EndToEnd;

/// <summary>
/// The dashboard and <c>regurgitate run</c> as two real processes on one SQLite database and runs folder: each run is
/// trained by exactly one of them and every step is recorded once; then SIGTERM stops the dashboard within seconds
/// with its run checkpointed, queued to resume and its lease released.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class SharedDatabaseProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int CliSteps = 60;
    private readonly TempDatabase database = new();

    private string RunsDirectory => Path.Combine(database.Folder, "runs");

    private string DatabaseFile => Path.Combine(database.Folder, "test.db");

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task The_dashboard_and_the_cli_train_their_own_runs_once_each_and_sigterm_leaves_the_dashboards_run_resumable()
    {
        // The dashboard's run: effectively endless, with dev evaluations (and so ordinary checkpoints) only every
        // 1,000 steps, so the checkpoint found after SIGTERM can only come from the stop.
        await database.MigrateAsync();
        var dashboardRun = (await new RunStore(database.Factory, TimeProvider.System).CreateRunAsync("dashboard", DashboardRun, CancellationToken.None)).Id;
        SqliteConnection.ClearAllPools();
        // One slot, busy with its own run: the dashboard leaves the command line's run alone.
        await using var dashboard = await WebAppProcess.StartAsync(DatabaseFile, RunsDirectory, new Dictionary<string, string>
        {
            ["Regurgitate__Runs__MaxConcurrentRuns"] = "1",
            ["Regurgitate__Runs__MetricFlushInterval"] = "00:00:00.1",
            ["Regurgitate__Runs__QueuePollInterval"] = "00:00:00.2",
            ["Regurgitate__Runs__HeartbeatInterval"] = "00:00:00.2",
            ["Regurgitate__Runs__LeaseDuration"] = "00:00:01.5",
        });
        Assert.True(await WaitForStepAsync(dashboardRun, 5, TimeSpan.FromMinutes(2)), "the dashboard did not train its run: " + dashboard.Output);

        // --all-runs: the command line may take up any run of the queue, so only the dashboard's live lease keeps it
        // from re-queueing and training the dashboard's run at start-up.
        using (var cli = CliProcess.Start("run", await PrepareCliAsync(), "--content-root", Path.Combine(database.Folder, "cli"), "--all-runs", "--verbose"))
        {
            Assert.True(await cli.WaitForExitAsync(TimeSpan.FromMinutes(5)), "the command line did not finish: " + cli.Output);
            Assert.True(cli.ExitCode == 0, cli.Output);
            var cliRun = await ScalarAsync<long>("SELECT Id FROM Runs WHERE Id <> " + dashboardRun);
            Assert.Equal("Completed", await ScalarAsync<string>($"SELECT Status FROM Runs WHERE Id = {cliRun}"));
            Assert.Equal(Enumerable.Range(1, CliSteps).Select(i => (long)i), await LossStepsAsync(cliRun));

            // Each process started only its own run.
            Assert.Contains($"Run {cliRun} started", cli.Output, StringComparison.Ordinal);
            Assert.DoesNotContain($"Run {dashboardRun} started", cli.Output, StringComparison.Ordinal);
            Assert.Contains($"Run {dashboardRun} started", dashboard.Output, StringComparison.Ordinal);
            Assert.DoesNotContain($"Run {cliRun} started", dashboard.Output, StringComparison.Ordinal);
        }

        Assert.Equal("Running", await ScalarAsync<string>($"SELECT Status FROM Runs WHERE Id = {dashboardRun}"));
        var stoppedIn = await dashboard.TerminateAsync(TimeSpan.FromSeconds(20));
        output.WriteLine($"dashboard SIGTERM to exit: {stoppedIn?.TotalSeconds:0.00} s");
        Assert.True(stoppedIn < TimeSpan.FromSeconds(10), $"the dashboard took {stoppedIn?.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) ?? "more than 20"} s to stop after SIGTERM: {dashboard.Output}");

        Assert.Equal("Queued", await ScalarAsync<string>($"SELECT Status FROM Runs WHERE Id = {dashboardRun}"));
        Assert.Equal(DatabaseInitializer.ResumingMessage, await ScalarAsync<string>($"SELECT Message FROM Runs WHERE Id = {dashboardRun}"));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT COUNT(*) FROM Runs WHERE OwnerId IS NOT NULL OR LeaseExpiresAt IS NOT NULL"));
        var stoppedAt = await ScalarAsync<long>($"SELECT LastStep FROM Runs WHERE Id = {dashboardRun}");
        var checkpoint = Path.Combine(RunsDirectory, dashboardRun.ToString(CultureInfo.InvariantCulture), "checkpoints", $"step-{stoppedAt:D8}.pt");
        Assert.True(File.Exists(checkpoint), $"no checkpoint at step {stoppedAt}, where the dashboard's run stopped");
        Assert.Equal(Enumerable.Range(1, (int)stoppedAt).Select(i => (long)i), await LossStepsAsync(dashboardRun));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT COUNT(*) FROM Runs"));
    }

    private static RunConfig DashboardRun => new()
    {
        CorpusId = "multi30k",
        TrainSize = 500,
        DevSize = 8,
        TestSize = 8,
        Seed = 7,
        Model = ModelConfig.Tiny with { VocabSize = 400 },
        Training = new TrainingConfig { MaxSteps = 1_000_000, EvaluateEvery = 1_000, TokensPerBatch = 512, WarmupSteps = 10, Threads = 1 },
    };

    /// <summary>The command line's content root: the dashboard's database, runs and data folders, and a spec of its own experiment.</summary>
    private async Task<string> PrepareCliAsync()
    {
        var root = Directory.CreateDirectory(Path.Combine(database.Folder, "cli")).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new
            {
                Data = new { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.Combine(database.Folder, "datasets") },
                Experiments = new { ExperimentsDirectory = Path.Combine(database.Folder, "experiments") },
                Runs = new { RunsDirectory, MetricFlushInterval = "00:00:00.1", QueuePollInterval = "00:00:00.2", HeartbeatInterval = "00:00:00.2", LeaseDuration = "00:00:01.5" },
            },
            ConnectionStrings = new { Regurgitate = $"Data Source={DatabaseFile}" },
        }));
        var spec = Path.Combine(root, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "from the command line", "corpusId": "multi30k", "devSize": 8, "testSize": 16,
              "sizes": [2000], "realFractions": [1], "seeds": [1], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": {{CliSteps}}, "evaluateEvery": 20, "tokensPerBatch": 1024, "warmupSteps": 10, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);
        return spec;
    }

    private async Task<bool> WaitForStepAsync(int runId, long step, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ScalarAsync<long>($"SELECT LastStep FROM Runs WHERE Id = {runId}") >= step)
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }

    private async Task<List<long>> LossStepsAsync(long runId)
    {
        await using var context = await database.Factory.CreateDbContextAsync();
        return await context.MetricPoints.Where(p => p.RunId == runId && p.Name == "train/loss").OrderBy(p => p.Step).Select(p => (long)p.Step).ToListAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture);
    }
}
