using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Workbench;
using Regurgitate.Workbench.Archives;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Folders;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

/// <summary>A workbench (real SQLite, real runs folder) in a temp content root, with experiments seeded directly.</summary>
public sealed class ArchiveWorkbench : IDisposable
{
    private static readonly JsonSerializerOptions RunnerJson = new() { WriteIndented = true };

    private ArchiveWorkbench(string root, IHost host)
    {
        Root = root;
        Host = host;
    }

    public string Root { get; }
    public IHost Host { get; }
    public string RunsDirectory => Path.Combine(Root, "App_Data", "runs");
    public IServiceProvider Services => Host.Services;
    public ExperimentArchiveWriter Writer => Services.GetRequiredService<ExperimentArchiveWriter>();
    public ExperimentArchiveImporter Importer => Services.GetRequiredService<ExperimentArchiveImporter>();
    public IDbContextFactory<RegurgitateDbContext> Factory => Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>();

    private static readonly TrainingConfig Quick = new() { Epochs = 1, MaxSteps = 10, EvaluateEvery = 5, TokensPerBatch = 512, WarmupSteps = 2, MaxTokensPerSentence = 40, Threads = 2 };

    public static ExperimentSpec Spec => ToyExperimentSpecs.RealVsLow("archive toy", Quick);

    public static async Task<ArchiveWorkbench> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var root = Directory.CreateTempSubdirectory("regurgitate-archive-").FullName;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = root, EnvironmentName = Environments.Production });
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Regurgitate"] = "Data Source=App_Data/test.db",
            ["Regurgitate:Data:DataDirectory"] = root,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRegurgitateWorkbench(builder.Configuration, root);
        var host = builder.Build();
        var workbench = new ArchiveWorkbench(root, host);
        await using var context = await workbench.Factory.CreateDbContextAsync();
        await context.Database.MigrateAsync();
        return workbench;
    }

    /// <summary>An experiment with <paramref name="runs"/> runs (the last one Running, the others Completed), points and run files.</summary>
    public async Task<int> SeedAsync(int runs, int pointsPerRun, string? hypothesisExtra = null, string? runMessage = null)
    {
        var spec = Spec;
        await using var context = await Factory.CreateDbContextAsync();
        var experiment = new Experiment
        {
            Name = spec.Name,
            Description = "seeded",
            CreatedAt = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(1)),
            SpecJson = ExperimentSpecJson.Serialize(spec),
            Status = ExperimentStatus.Finished,
            StatusMessage = "Grid finished",
        };
        context.Experiments.Add(experiment);
        var start = new DateTimeOffset(2026, 11, 1, 13, 0, 0, TimeSpan.Zero);
        var created = new List<Run>();
        for (var i = 0; i < runs; i++)
        {
            var config = new RunConfig { TrainSize = i % 2 == 0 ? 40 : 80, Seed = 1 + (i / 2 % 2) };
            var last = i == runs - 1;
            var run = new Run
            {
                Experiment = experiment,
                ConfigJson = JsonSerializer.Serialize(config, RunStore.JsonOptions),
                CorpusId = "multi30k",
                Role = RunRole.Grid,
                Condition = i % 3 == 0 ? "real" : "low",
                TrainSize = config.TrainSize,
                Seed = config.Seed,
                RealFraction = i % 3 == 0 ? 1.0 : 0.0,
                Priority = i,
                Attempt = 1,
                Tags = "archive,toy",
                MaxSteps = 10,
                LastStep = last ? 4 : 10,
                Status = last ? RunStatus.Running : RunStatus.Completed,
                Message = runMessage,
                PhaseMessage = last ? "Training" : null,
                Device = "cpu",
                ParameterCount = 12_345,
                Threads = 2,
                CreatedAt = start.AddMinutes(i),
                StartedAt = start.AddMinutes(i + 1),
                FinishedAt = last ? null : start.AddMinutes(i + 2),
                TestBleu = last ? null : 10.5 + i + 1.0 / 3,
                TestBleuSignature = last ? null : "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0",
                TestChrF = last ? null : 30.25 + i,
                TestChrFSignature = last ? null : "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0",
                LatestSamplesJson = """[{"source":"Ein Hund.","reference":"A dog.","hypothesis":"A dog."}]""",
            };
            context.Runs.Add(run);
            created.Add(run);
        }

        await context.SaveChangesAsync();

        // Points go in with one prepared statement in one transaction: 100,000 through EF's change tracker take ~30 s here.
        await using (var transaction = await context.Database.BeginTransactionAsync())
        {
            await using var insert = context.Database.GetDbConnection().CreateCommand();
            insert.Transaction = transaction.GetDbTransaction();
            insert.CommandText = "INSERT INTO MetricPoints (RunId, Step, Name, Value, Timestamp) VALUES ($run, $step, $name, $value, $timestamp)";
            var parameters = new[] { "$run", "$step", "$name", "$value", "$timestamp" }.Select(name =>
            {
                var parameter = insert.CreateParameter();
                parameter.ParameterName = name;
                insert.Parameters.Add(parameter);
                return parameter;
            }).ToArray();
            var converter = new DateTimeOffsetToBinaryConverter();
            foreach (var (run, i) in created.Select((r, i) => (r, i)))
            {
                for (var p = 0; p < pointsPerRun; p++)
                {
                    parameters[0].Value = run.Id;
                    parameters[1].Value = p / 2 + 1;
                    parameters[2].Value = p % 2 == 0 ? "train/loss" : "train/lr";
                    parameters[3].Value = Math.Exp(-p / 1000.0) * (1 + i) + 1e-9 * p;
                    parameters[4].Value = converter.ConvertToProvider(start.AddMilliseconds(p * 1234.5678));
                    await insert.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
        }

        foreach (var (run, i) in created.Select((r, i) => (r, i)))
        {
            var folder = Services.GetRequiredService<ArtifactFolders>().Claim(ArtifactFolders.OwnerOf(run));
            Directory.CreateDirectory(Path.Combine(folder, "checkpoints"));
            Directory.CreateDirectory(Path.Combine(folder, "tokenizer"));
            await File.WriteAllTextAsync(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(JsonSerializer.Deserialize<RunConfig>(run.ConfigJson, RunStore.JsonOptions), RunnerJson));
            await File.WriteAllTextAsync(Path.Combine(folder, TestOutputs.SourceFile), "Ein Hund läuft.\nZwei Katzen.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, TestOutputs.ReferenceFile), "A dog runs.\nTwo cats.\n");
            await File.WriteAllTextAsync(Path.Combine(folder, TestOutputs.HypothesisFile), $"A dog is running {i}.\nTwo cats.{hypothesisExtra}\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "training-set.json"), """{ "pairs": 40, "droppedOverlap": 0 }""");
            TrainingPairs.Write(folder, [
                TrainingExample.Real(new("Ein Hund läuft.", "A dog runs.")),
                new(new("Zwei Katzen.", $"Two cats {i}.{hypothesisExtra}"), "local/low", "Two cats."),
            ]);
            await File.WriteAllBytesAsync(Path.Combine(folder, "checkpoints", "step-00000005.pt"), new byte[3000]);
            await File.WriteAllBytesAsync(Path.Combine(folder, "checkpoints", "step-00000010.pt"), [.. Enumerable.Range(0, 5000).Select(b => (byte)(b * 7))]);
            await File.WriteAllTextAsync(Path.Combine(folder, "checkpoints", "step-00000010.pt.sha256"), "abc");
            await File.WriteAllTextAsync(Path.Combine(folder, "tokenizer", "vocab.json"), """{ "a": 1 }""");
        }

        return experiment.Id;
    }

    /// <summary>Every file under the runs folder (relative), to show an import left it as it was.</summary>
    public IReadOnlyList<string> RunsFolderListing() =>
        Directory.Exists(RunsDirectory)
            ? [.. Directory.EnumerateFileSystemEntries(RunsDirectory, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(RunsDirectory, p)).Order(StringComparer.Ordinal)]
            : [];

    public async Task<int> ExperimentCountAsync()
    {
        await using var context = await Factory.CreateDbContextAsync();
        return await context.Experiments.CountAsync() + await context.Runs.CountAsync() + await context.MetricPoints.CountAsync();
    }

    public void Dispose()
    {
        Host.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Root, recursive: true);
    }
}
