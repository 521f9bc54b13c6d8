using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regurgitate.Cli.Hosting;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Tests;

public sealed class RunPoolSizeTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-pool-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Run_refuses_a_size_larger_than_the_corpus_pool_by_its_path_and_stores_no_experiment()
    {
        await WriteSettingsAsync();
        var spec = Path.Combine(dir, "too-large.json");
        await File.WriteAllTextAsync(spec, """
            {
              "name": "too large", "corpusId": "multi30k", "devSize": 8, "testSize": 8, "sizes": [200, 40000],
              "realFractions": [1], "seeds": [1], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 }
            }
            """);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", spec, "--content-root", dir], output, error);

        Assert.True(code == 2, output.ToString() + error);
        Assert.Matches(@"sizes\[1\]: The pool holds 2\d,\d{3} sources in corpus 'multi30k'", error.ToString());
        Assert.DoesNotContain("sizes[0]", error.ToString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Run_refuses_generations_whose_disjoint_slices_do_not_fit_the_pool_by_the_path_and_stores_no_experiment()
    {
        await WriteSettingsAsync();
        var spec = Path.Combine(dir, "generations.json");
        const string Generator = """
            "trainSize": 10000, "beamSize": 1,
            "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
            "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 }
            """;
        await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "three generations too many", "corpusId": "multi30k", "devSize": 8, "testSize": 8, "sizes": [200],
              "realFractions": [1, 0], "seeds": [1], "tokenizer": "perRun",
              "syntheticSources": [{ "name": "gen3", "generators": [{ "generatorId": "gen3" }] }],
              "generators": [
                { "id": "gen1", "trainOn": "real", {{Generator}} },
                { "id": "gen2", "trainOn": "gen1", "policy": "accumulate", {{Generator}} },
                { "id": "gen3", "trainOn": "gen2", "policy": "accumulate", {{Generator}} }
              ],
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 }
            }
            """);

        using var dryOutput = new StringWriter();
        using var dryError = new StringWriter();
        Assert.Equal(2, await CliApp.RunAsync(["run", spec, "--dry-run", "--content-root", dir], dryOutput, dryError));
        Assert.StartsWith("generators[2].trainSize: 3 generations need", dryError.ToString(), StringComparison.Ordinal);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", spec, "--content-root", dir], output, error);

        Assert.True(code == 2, output.ToString() + error);
        Assert.Matches(@"generators\[2\]\.trainSize: 3 generations need disjoint slices of 10,000 \+ 10,000 \+ 10,000 sources \(30,000\) besides 200 for the experiment's largest size: 30,200 pairs with distinct sources in all, but corpus 'multi30k' has 2\d,\d{3}", error.ToString());
        await AssertNothingStoredAsync();
    }

    private Task WriteSettingsAsync() => File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
    {
        Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
        ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
    }));

    private async Task AssertNothingStoredAsync()
    {
        using (var host = WorkbenchHost.Build(dir, LogLevel.Warning))
        {
            await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
            Assert.Equal(0, await context.Experiments.CountAsync());
            Assert.Equal(0, await context.Runs.CountAsync());
        }

        Assert.False(Directory.Exists(Path.Combine(dir, "App_Data", "runs")) && Directory.EnumerateFileSystemEntries(Path.Combine(dir, "App_Data", "runs")).Any());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
