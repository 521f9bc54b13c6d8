using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit.Abstractions;

namespace Regurgitate.Cli.Tests;

/// <summary>
/// Workers mode end to end with real processes on a throwaway PostgreSQL cluster: <c>regurgitate run</c> as the
/// enqueuer (Hangfire jobs, no training) and two <c>regurgitate worker</c> processes, each with a content root of its
/// own and only the shared artifact root in common with the enqueuer. One worker is killed with SIGKILL mid-run; the
/// other resumes that run from its checkpoint once the lease expires, and every run completes once with every step
/// recorded once.
/// </summary>
[Collection(TrainingProcessCollection.Name)]
public sealed partial class WorkersProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int MaxSteps = 60;
    private const int EvaluateEvery = 20;
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-workers-").FullName;
    private readonly string connectionString = PostgreSqlTestServer.Shared.CreateDatabase();

    public void Dispose()
    {
        PostgreSqlTestServer.Shared.DropDatabase(connectionString);
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Two_workers_run_a_six_run_grid_and_a_killed_workers_run_resumes_from_its_checkpoint_on_the_other()
    {
        var artifacts = Path.Combine(root, "shared-artifacts");
        var (dashboardRoot, spec) = await PrepareDashboardAsync(artifacts);
        using var first = CliProcess.Start(await WorkerArgumentsAsync("worker-a", artifacts));
        using var second = CliProcess.Start(await WorkerArgumentsAsync("worker-b", artifacts));
        using var enqueuer = CliProcess.Start("run", spec, "--content-root", dashboardRoot);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // A run past its first checkpoint: kill the worker that trains it.
        var (runId, owner) = await WaitForRunPastAsync(EvaluateEvery + 5, TimeSpan.FromMinutes(3), enqueuer, first, second);
        var (victim, survivor) = owner.StartsWith($"pid {first.Id} ", StringComparison.Ordinal) ? (first, second) : (second, first);
        Assert.StartsWith($"pid {victim.Id} ", owner, StringComparison.Ordinal);
        var stepAtKill = await ScalarAsync<int>($"SELECT \"LastStep\" FROM \"Runs\" WHERE \"Id\" = {runId}");
        await victim.KillAsync();

        // The victim trains on between the read above and the kill (in CI it once reached its step-60 checkpoint), so
        // the latest checkpoint it can have left is bounded by what it had recorded when it died, read once it is dead.
        var stepAtDeath = await ScalarAsync<int>($"SELECT \"LastStep\" FROM \"Runs\" WHERE \"Id\" = {runId}");
        output.WriteLine($"killed worker pid {victim.Id} at {clock.Elapsed.TotalSeconds:0.0} s while it trained run {runId} at step {stepAtKill} (recorded at its death: {stepAtDeath})");

        Assert.True(await enqueuer.WaitForExitAsync(TimeSpan.FromMinutes(4)), "the grid did not finish: " + Outputs(enqueuer, first, second));
        output.WriteLine($"grid finished after {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.True(enqueuer.ExitCode == 0, Outputs(enqueuer, first, second));

        // Every run completed, each exactly once: one "finished" line per run in the workers' logs, none by the enqueuer.
        Assert.Equal(6L, await ScalarAsync<long>("SELECT COUNT(*) FROM \"Runs\" WHERE \"Status\" = 'Completed'"));
        Assert.Equal(6L, await ScalarAsync<long>("SELECT COUNT(*) FROM \"Runs\""));
        var finished = FinishedLine().Matches(first.Output + second.Output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(6, finished.Count);
        Assert.Equal(6, finished.Distinct().Count());
        Assert.DoesNotMatch(FinishedLine(), enqueuer.Output);

        // The killed run resumed from its last checkpoint on the other worker, its log line naming the run.
        var resumed = Regex.Match(survivor.Output, $@"run {runId}\b.*Run {runId} resumed from its checkpoint at step (\d+)");
        Assert.True(resumed.Success, "the survivor did not resume the killed run: " + survivor.Output);
        var resumedAt = int.Parse(resumed.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, EvaluateEvery, stepAtDeath);
        Assert.Contains($"Run {runId} finished: Completed", survivor.Output, StringComparison.Ordinal);
        output.WriteLine($"run {runId} resumed at step {resumedAt} on worker pid {survivor.Id}; its lines there:");
        foreach (var line in survivor.Output.Split('\n').Where(l => l.Contains($"Run {runId} ", StringComparison.Ordinal)))
        {
            output.WriteLine(line.TrimEnd());
        }

        // Every step of every run recorded once.
        foreach (var id in await ListAsync<int>("SELECT \"Id\" FROM \"Runs\" ORDER BY \"Id\""))
        {
            var steps = await ListAsync<int>($"SELECT \"Step\" FROM \"MetricPoints\" WHERE \"RunId\" = {id} AND \"Name\" = 'train/loss' ORDER BY \"Step\"");
            Assert.Equal(Enumerable.Range(1, MaxSteps), steps);
        }

        // Artefacts of every run on the shared root, none in a content root.
        foreach (var id in await ListAsync<int>("SELECT \"Id\" FROM \"Runs\""))
        {
            Assert.True(Directory.Exists(Path.Combine(artifacts, "runs", id.ToString(CultureInfo.InvariantCulture))), $"run {id} has no folder on the shared root");
        }

        Assert.False(Directory.Exists(Path.Combine(dashboardRoot, "App_Data", "runs")));
        await survivor.TerminateAsync();
        Assert.True(await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30)), survivor.Output);
    }

    private async Task<string[]> WorkerArgumentsAsync(string name, string artifacts) =>
        ["worker", "--devices", "cpu", "--artifact-root", artifacts, "--connection", connectionString, "--content-root", await PrepareWorkerRootAsync(name)];

    /// <summary>The enqueuer's folder: Workers mode on the test database, artefact folders on the shared root.</summary>
    private async Task<(string Root, string Spec)> PrepareDashboardAsync(string artifacts)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, "dashboard")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new
            {
                Database = new { Provider = "PostgreSql" },
                Dispatch = new { Mode = "Workers" },
                Data = new { DataDirectory = SharedFolders.Data, DatasetsDirectory = Path.Combine(artifacts, "datasets") },
                Experiments = new { ExperimentsDirectory = Path.Combine(artifacts, "experiments") },
                Runs = Timings(Path.Combine(artifacts, "runs")),
            },
            ConnectionStrings = new { Regurgitate = connectionString },
        }));
        var spec = Path.Combine(folder, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "workers", "corpusId": "multi30k", "devSize": 8, "testSize": 12,
              "sizes": [600, 1200], "realFractions": [1], "seeds": [1, 2, 3],
              "model": { "vocabSize": 300, "dModel": 32, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 64, "dropout": 0.1 },
              "training": { "maxSteps": {{MaxSteps}}, "evaluateEvery": {{EvaluateEvery}}, "tokensPerBatch": 512, "warmupSteps": 5, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);
        return (folder, spec);
    }

    /// <summary>A worker's own folder: corpora and timings only; database, mode and artefact root come from its options.</summary>
    private async Task<string> PrepareWorkerRootAsync(string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(root, name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new
            {
                Data = new { DataDirectory = SharedFolders.Data },
                Runs = Timings("App_Data/runs"),
                Dispatch = new { WorkerHeartbeatInterval = "00:00:01" },
            },
        }));
        return folder;
    }

    // A short lease so a killed worker's run is taken over within seconds.
    private static object Timings(string runsDirectory) => new
    {
        RunsDirectory = runsDirectory,
        MetricFlushInterval = "00:00:00.1",
        QueuePollInterval = "00:00:00.2",
        HeartbeatInterval = "00:00:00.2",
        LeaseDuration = "00:00:01.5",
    };

    /// <summary>The first running run past <paramref name="step"/>, and its owner.</summary>
    private async Task<(int RunId, string Owner)> WaitForRunPastAsync(int step, TimeSpan timeout, params CliProcess[] processes)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !processes.Any(p => p.HasExited))
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"SELECT \"Id\", \"OwnerId\" FROM \"Runs\" WHERE \"Status\" = 'Running' AND \"OwnerId\" IS NOT NULL AND \"LastStep\" >= {step} ORDER BY \"Id\" LIMIT 1", connection);
                await using var reader = await command.ExecuteReaderAsync();
                if (await reader.ReadAsync())
                {
                    return (reader.GetInt32(0), reader.GetString(1));
                }
            }
            catch (PostgresException)
            {
                // Not migrated yet.
            }

            await Task.Delay(50);
        }

        Assert.Fail($"no run passed step {step}: " + Outputs(processes));
        return default;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    private async Task<List<T>> ListAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetFieldValue<T>(0));
        }

        return values;
    }

    private static string Outputs(params CliProcess[] processes) =>
        string.Join(Environment.NewLine + "----" + Environment.NewLine, processes.Select(p => $"pid {p.Id}:{Environment.NewLine}{p.Output}"));

    [GeneratedRegex(@"Run (\d+) finished: Completed")]
    private static partial Regex FinishedLine();
}
