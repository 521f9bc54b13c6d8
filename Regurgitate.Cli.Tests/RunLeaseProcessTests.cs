using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Regurgitate.Workbench.Persistence;
using Xunit.Abstractions;

namespace Regurgitate.Cli.Tests;

/// <summary>
/// Real <c>regurgitate run</c> processes on one database: SIGTERM stops a training process within seconds leaving its
/// run resumable, and a second process waiting on the same experiment takes the run over only once the killed owner's
/// lease has expired, so every step is recorded exactly once.
/// </summary>
[Collection(TrainingProcessCollection.Name)]
public sealed class RunLeaseProcessTests(ITestOutputHelper output) : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-lease-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Sigterm_stops_a_training_run_within_ten_seconds_with_a_checkpoint_and_the_run_left_resumable()
    {
        // Dev evaluations (and so ordinary checkpoints) only every 1,000 steps: a checkpoint can only come from the stop.
        var spec = await PrepareAsync(maxSteps: 100_000, evaluateEvery: 1_000);
        using var process = CliProcess.Start("run", spec, "--content-root", root);
        if (!await RunDatabase.WaitForStepAsync(process, root, 10, TimeSpan.FromMinutes(5)))
        {
            Assert.Fail("the run did not reach step 10: " + process.Output);
        }

        var clock = Stopwatch.StartNew();
        await process.TerminateAsync();
        var exited = await process.WaitForExitAsync(TimeSpan.FromSeconds(20));
        clock.Stop();
        output.WriteLine($"SIGTERM to exit: {clock.Elapsed.TotalSeconds:0.00} s (exit code {(exited ? process.ExitCode : -1)})");

        Assert.True(exited && clock.Elapsed < TimeSpan.FromSeconds(10), $"still running {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM: {process.Output}");
        Assert.Equal("Queued", await RunDatabase.ScalarAsync<string>(root, "SELECT Status FROM Runs"));
        Assert.Equal(DatabaseInitializer.ResumingMessage, await RunDatabase.ScalarAsync<string>(root, "SELECT Message FROM Runs"));
        Assert.Equal(0L, await RunDatabase.ScalarAsync<long>(root, "SELECT COUNT(*) FROM Runs WHERE OwnerId IS NOT NULL OR LeaseExpiresAt IS NOT NULL"));
        var stoppedAt = await RunDatabase.LastStepAsync(root);
        var runId = await RunDatabase.ScalarAsync<long>(root, "SELECT Id FROM Runs");
        var checkpoints = Path.Combine(root, "App_Data", "runs", runId.ToString(System.Globalization.CultureInfo.InvariantCulture), "checkpoints");
        Assert.True(File.Exists(Path.Combine(checkpoints, $"step-{stoppedAt:D8}.pt")), $"no checkpoint at step {stoppedAt}, where the run stopped");
        Assert.Equal(Enumerable.Range(1, (int)stoppedAt).Select(i => (long)i), (await RunDatabase.LossesAsync(root)).Select(p => p.Step));
    }

    [Fact]
    public async Task A_second_process_takes_over_a_killed_owners_run_after_its_lease_expires_and_every_step_is_recorded_once()
    {
        const int MaxSteps = 120;
        var spec = await PrepareAsync(MaxSteps, evaluateEvery: 25);
        using var owner = CliProcess.Start("run", spec, "--content-root", root);
        if (!await RunDatabase.WaitForStepAsync(owner, root, 30, TimeSpan.FromMinutes(5)))
        {
            Assert.Fail("the first process did not reach step 30: " + owner.Output);
        }

        // The second process sees the run running under a live lease: it waits for it instead of training it too.
        using var waiter = CliProcess.Start("run", spec, "--content-root", root, "--verbose");
        var stepWhenWaiterStarted = await RunDatabase.LastStepAsync(root);
        Assert.True(await RunDatabase.WaitForStepAsync(owner, root, stepWhenWaiterStarted + 15, TimeSpan.FromMinutes(1)), "the owner stopped training once a second process started: " + owner.Output);
        Assert.StartsWith($"pid {owner.Id} ", await RunDatabase.ScalarAsync<string>(root, "SELECT OwnerId FROM Runs"), StringComparison.Ordinal);
        Assert.False(waiter.HasExited, waiter.Output);
        Assert.DoesNotContain("Run 1 started", waiter.Output, StringComparison.Ordinal);

        await owner.KillAsync();

        Assert.True(await waiter.WaitForExitAsync(TimeSpan.FromMinutes(3)), "the second process did not finish the run: " + waiter.Output);
        Assert.True(waiter.ExitCode == 0, waiter.Output);
        Assert.Contains("Run 1 started", waiter.Output, StringComparison.Ordinal);
        Assert.Equal("Completed", await RunDatabase.ScalarAsync<string>(root, "SELECT Status FROM Runs"));
        Assert.Equal(1L, await RunDatabase.ScalarAsync<long>(root, "SELECT COUNT(*) FROM Runs"));
        Assert.Equal(Enumerable.Range(1, MaxSteps).Select(i => (long)i), (await RunDatabase.LossesAsync(root)).Select(p => p.Step));
    }

    private async Task<string> PrepareAsync(int maxSteps, int evaluateEvery)
    {
        // A short lease so a killed owner's run is taken over within seconds.
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new
            {
                Data = new { DataDirectory = SharedFolders.Data },
                Runs = new { MetricFlushInterval = "00:00:00.1", QueuePollInterval = "00:00:00.2", HeartbeatInterval = "00:00:00.2", LeaseDuration = "00:00:01.5" },
            },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(root, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "lease", "corpusId": "multi30k", "devSize": 8, "testSize": 16,
              "sizes": [2000], "realFractions": [1], "seeds": [1], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": {{maxSteps}}, "evaluateEvery": {{evaluateEvery}}, "tokensPerBatch": 1024, "warmupSteps": 10, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);
        return spec;
    }
}
