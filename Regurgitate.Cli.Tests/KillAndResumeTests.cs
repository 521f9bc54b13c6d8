using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Regurgitate.Support;

namespace Regurgitate.Cli.Tests;

/// <summary>
/// kill -9 in the middle of training, then the same command again: the run continues from its last complete
/// checkpoint in the same database row, and its loss curve has every step exactly once.
/// </summary>
public sealed class KillAndResumeTests : IDisposable
{
    private const int MaxSteps = 300;
    private readonly string _root = Directory.CreateTempSubdirectory("regurgitate-kill-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task A_killed_run_resumes_from_its_checkpoint_without_gaps_or_duplicate_points()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "appsettings.json"), JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data }, Runs = new { MetricFlushInterval = "00:00:00.2" } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(_root, "spec.json");
        await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "kill and resume", "corpusId": "multi30k", "devSize": 8, "testSize": 16,
              "sizes": [2000], "realFractions": [1], "seeds": [1], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": {{MaxSteps}}, "evaluateEvery": 50, "tokensPerBatch": 1024, "warmupSteps": 10, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);

        using (var first = Start(spec))
        {
            // Wait until the run is past its second checkpoint, then kill the process without any chance to clean up.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (await LastStepAsync() < 130 && DateTime.UtcNow < deadline && !first.HasExited)
            {
                await Task.Delay(100);
            }

            Assert.False(first.HasExited, "The first run ended before it could be killed.");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var killedAt = await LastStepAsync();
        Assert.InRange(killedAt, 130, MaxSteps - 1);

        using var second = Start(spec);
        var output = await second.StandardOutput.ReadToEndAsync();
        await second.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        Assert.True(second.ExitCode == 0, output + await second.StandardError.ReadToEndAsync());

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_root, "App_Data", "regurgitate.db")}");
        await connection.OpenAsync();
        Assert.Equal(1L, await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Runs"));
        Assert.Equal("Completed", await ScalarAsync<string>(connection, "SELECT Status FROM Runs"));
        var steps = new List<long>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Step FROM MetricPoints WHERE Name = 'train/loss' ORDER BY Step";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(Enumerable.Range(1, MaxSteps).Select(i => (long)i), steps);
        Assert.Contains("1 completed", output);
    }

    private Process Start(string spec)
    {
        var cli = Path.Combine(AppContext.BaseDirectory.Replace("Regurgitate.Cli.Tests", "Regurgitate.Cli", StringComparison.Ordinal), "regurgitate.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { cli, "run", spec, "--content-root", _root })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private async Task<long> LastStepAsync()
    {
        var path = Path.Combine(_root, "App_Data", "regurgitate.db");
        if (!File.Exists(path))
        {
            return 0;
        }

        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
            await connection.OpenAsync();
            return await ScalarAsync<long?>(connection, "SELECT MAX(LastStep) FROM Runs") ?? 0;
        }
        catch (SqliteException)
        {
            return 0; // not migrated yet
        }
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
