using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Regurgitate.Cli.Tests;

/// <summary>
/// kill -9 at ten points of a training run (wherever the process happens to be: a step, a dev evaluation, a
/// checkpoint or metric write), each time running the same command again: the run continues from its last complete
/// checkpoint in the same database row, its loss curve has every step exactly once, and each loss equals the one an
/// uninterrupted run records (data order, optimiser state and dropout RNG are restored).
/// </summary>
[Collection(TrainingProcessCollection.Name)]
public sealed class KillAndResumeTests : IDisposable
{
    private const int MaxSteps = 300;
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-kill-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task A_run_killed_at_ten_points_ends_with_the_uninterrupted_runs_curve()
    {
        var spec = await PrepareAsync(root);
        var reference = Path.Combine(root, "reference");
        var referenceSpec = await PrepareAsync(reference);

        // Ten kill points at seeded random steps; every restart resumes from a checkpoint at most 25 steps back.
        var random = new Random(20261126);
        var killPoints = Enumerable.Range(0, 10).Select(i => 20 + (i * 27) + random.Next(0, 20)).ToList();
        foreach (var killAt in killPoints)
        {
            using var process = CliProcess.Start("run", spec, "--content-root", root);
            if (!await RunDatabase.WaitForStepAsync(process, root, killAt, TimeSpan.FromMinutes(5)))
            {
                Assert.Fail($"The run did not reach the kill point at step {killAt}: {process.Output}");
            }

            await process.KillAsync();
        }

        Assert.InRange(await RunDatabase.LastStepAsync(root), killPoints[^1], MaxSteps - 1);
        await RunToEndAsync(spec, root);
        await RunToEndAsync(referenceSpec, reference);

        var killed = await RunDatabase.LossesAsync(root);
        var uninterrupted = await RunDatabase.LossesAsync(reference);
        Assert.Equal(Enumerable.Range(1, MaxSteps).Select(i => (long)i), killed.Select(p => p.Step));
        Assert.Equal(uninterrupted.Select(p => p.Step), killed.Select(p => p.Step));
        for (var i = 0; i < MaxSteps; i++)
        {
            Assert.True(Math.Abs(uninterrupted[i].Loss - killed[i].Loss) <= 1e-4, $"step {i + 1}: {killed[i].Loss} after kills, {uninterrupted[i].Loss} uninterrupted");
        }

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(root, "App_Data", "regurgitate.db")}");
        await connection.OpenAsync();
        Assert.Equal(1L, await RunDatabase.ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Runs"));
        Assert.Equal("Completed", await RunDatabase.ScalarAsync<string>(connection, "SELECT Status FROM Runs"));
    }

    private static async Task<string> PrepareAsync(string root)
    {
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data }, Runs = new { MetricFlushInterval = "00:00:00.1", HeartbeatInterval = "00:00:00.2", LeaseDuration = "00:00:01" } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(root, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "kill and resume", "corpusId": "multi30k", "devSize": 8, "testSize": 16,
              "sizes": [2000], "realFractions": [1], "seeds": [1], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": {{MaxSteps}}, "evaluateEvery": 25, "tokensPerBatch": 1024, "warmupSteps": 10, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);
        return spec;
    }

    private async Task RunToEndAsync(string spec, string root)
    {
        using var process = CliProcess.Start("run", spec, "--content-root", root);
        Assert.True(await process.WaitForExitAsync(TimeSpan.FromMinutes(10)), "still running after 10 minutes: " + process.Output);
        Assert.True(process.ExitCode == 0, process.Output);
        Assert.Contains("1 completed", process.Output);
    }
}
