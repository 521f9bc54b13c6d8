using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Experiments;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Tests;

/// <summary><c>regurgitate experiment export|import</c> between two content roots (two machines), and their refusals.</summary>
public sealed class ExperimentCommandTests : IAsyncLifetime
{
    private const string CanaryKey = "sk-canary-cli-archive-0c9f27d1";
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-archive-").FullName;

    private string SourceRoot => Path.Combine(dir, "machine-a");
    private string TargetRoot => Path.Combine(dir, "machine-b");

    public async Task InitializeAsync()
    {
        foreach (var root in new[] { SourceRoot, TargetRoot })
        {
            Directory.CreateDirectory(root);
            await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), JsonSerializer.Serialize(new
            {
                ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
                Regurgitate = new { Llm = new { ApiKey = CanaryKey } },
            }));
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Export_then_import_on_another_content_root_recreates_the_experiment_and_reports_progress_on_stderr()
    {
        var id = await SeedAsync(SourceRoot);
        var archive = Path.Combine(dir, "exp.zip");

        var (code, output, error) = await RunAsync("experiment", "export", id.ToString(), "-o", archive, "--content-root", SourceRoot);

        Assert.True(code == 0, error);
        Assert.Contains("Exported experiment 'cli toy' (2 runs, 6 metric points", output);
        Assert.Contains("Run ", error);
        using (var zip = ZipFile.OpenRead(archive))
        {
            Assert.Contains(zip.Entries, e => e.FullName == "runs/2/test.hyp.en");
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                Assert.DoesNotContain(CanaryKey, await reader.ReadToEndAsync());
            }
        }

        (code, output, error) = await RunAsync("experiment", "import", archive, "--content-root", TargetRoot);

        Assert.True(code == 0, error);
        Assert.Contains("Imported experiment 1 'cli toy' (2 runs, 6 metric points)", output);
        Assert.Contains("Checking the archive", error);
        using var host = WorkbenchHost.Build(TargetRoot, LogLevel.Warning);
        await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
        var runs = await context.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        Assert.Equal([RunStatus.Completed, RunStatus.Interrupted], runs.Select(r => r.Status));
        Assert.Equal(6, await context.MetricPoints.CountAsync());
        Assert.Equal("A dog.\n", await File.ReadAllTextAsync(Path.Combine(TargetRoot, "App_Data", "runs", runs[1].Id.ToString(), "test.hyp.en")));
    }

    [Fact]
    public async Task Refusals_exit_2_with_a_clear_message_and_change_nothing()
    {
        await SeedAsync(SourceRoot);

        var (code, _, error) = await RunAsync("experiment", "export", "999", "-o", Path.Combine(dir, "none.zip"), "--content-root", SourceRoot);
        Assert.Equal(2, code);
        Assert.Contains("Experiment 999 does not exist", error);
        Assert.False(File.Exists(Path.Combine(dir, "none.zip")));

        (code, _, error) = await RunAsync("experiment", "import", Path.Combine(dir, "missing.zip"), "--content-root", TargetRoot);
        Assert.Equal(2, code);
        Assert.Contains("does not exist", error);

        var bogus = Path.Combine(dir, "bogus.zip");
        await File.WriteAllTextAsync(bogus, "this is not a zip");
        (code, _, error) = await RunAsync("experiment", "import", bogus, "--content-root", TargetRoot);
        Assert.Equal(2, code);
        Assert.Contains("'bogus.zip' is not a readable zip archive", error);
        Assert.False(Directory.Exists(Path.Combine(TargetRoot, "App_Data", "runs")) && Directory.EnumerateFileSystemEntries(Path.Combine(TargetRoot, "App_Data", "runs")).Any());
    }

    private static async Task<int> SeedAsync(string root)
    {
        using var host = WorkbenchHost.Build(root, LogLevel.Warning);
        var factory = host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
        var experiment = new Experiment { Name = "cli toy", CreatedAt = DateTimeOffset.UnixEpoch };
        foreach (var (status, bleu) in new[] { (RunStatus.Completed, (double?)12.5), (RunStatus.Queued, null) })
        {
            var run = new Run
            {
                Experiment = experiment,
                ConfigJson = JsonSerializer.Serialize(new RunConfig(), RunStore.JsonOptions),
                CorpusId = "multi30k",
                Status = status,
                TestBleu = bleu,
                Message = $"failed with key {CanaryKey}",
            };
            for (var step = 1; step <= 3; step++)
            {
                run.MetricPoints.Add(new MetricPoint { Step = step, Name = "train/loss", Value = 1.0 / step, Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(step) });
            }

            context.Runs.Add(run);
        }

        await context.SaveChangesAsync();
        var folders = host.Services.GetRequiredService<ArtifactFolders>();
        foreach (var run in experiment.Runs)
        {
            var folder = folders.Claim(ArtifactFolders.OwnerOf(run));
            await File.WriteAllTextAsync(Path.Combine(folder, "test.hyp.en"), "A dog.\n");
        }

        return experiment.Id;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
