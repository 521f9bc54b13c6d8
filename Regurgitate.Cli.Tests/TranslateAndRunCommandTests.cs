using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Cli.Hosting;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Cli.Tests;

public sealed class TranslateAndRunCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-translate-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Translate_writes_one_line_per_source_from_a_trained_checkpoint()
    {
        var runDirectory = Path.Combine(dir, "run");
        await TrainTinyRunAsync(runDirectory);
        var checkpoint = Directory.GetFiles(Path.Combine(runDirectory, "checkpoints"), "*.pt").Single();
        var sources = Path.Combine(dir, "src.de");
        await File.WriteAllLinesAsync(sources, ["Ein Mann fährt Fahrrad.", "Zwei Hunde spielen im Schnee.", "Eine Frau liest ein Buch."]);
        var output = Path.Combine(dir, "out.en");

        var (code, _, error) = await RunAsync("translate", "--checkpoint", checkpoint, "-i", sources, "-o", output, "--beam", "2", "--device", "cpu");

        Assert.True(code == 0, error);
        Assert.Equal(3, (await File.ReadAllLinesAsync(output)).Length);
        Assert.Contains("Wrote 3 translations", error);
        Assert.False(File.Exists(output + ".tmp"));
    }

    [Fact]
    public async Task Translate_refuses_ambiguous_or_missing_inputs_with_a_clear_message()
    {
        var (both, _, bothError) = await RunAsync("translate", "--run", "1", "--checkpoint", "x.pt", "-i", "a", "-o", "b");
        Assert.Equal(2, both);
        Assert.Contains("exactly one of --run", bothError);

        var (missing, _, missingError) = await RunAsync("translate", "--checkpoint", Path.Combine(dir, "nope", "checkpoints", "step-1.pt"), "-i", "a", "-o", "b");
        Assert.Equal(2, missing);
        Assert.Contains("config.json", missingError);
    }

    [Fact]
    public async Task Run_reports_every_spec_error_by_path_and_exits_2_without_touching_a_database()
    {
        var spec = Path.Combine(dir, "bad.json");
        await File.WriteAllTextAsync(spec, """{ "name": "", "sizes": [0], "seeds": [], "colour": "blue" }""");

        var (code, _, error) = await RunAsync("run", spec, "--content-root", dir);

        Assert.Equal(2, code);
        Assert.Contains("colour", error);
        Assert.False(File.Exists(Path.Combine(dir, "App_Data", "regurgitate.db")));

        await File.WriteAllTextAsync(spec, """{ "name": "", "sizes": [0], "seeds": [] }""");
        (code, _, error) = await RunAsync("run", spec, "--content-root", dir);
        Assert.Equal(2, code);
        Assert.Contains("name:", error);
        Assert.Contains("sizes[0]:", error);
        Assert.Contains("seeds:", error);
    }

    [Fact]
    public async Task Run_with_only_more_seeds_grows_the_stored_experiment_and_any_other_change_is_refused()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(dir, "grow.json");
        async Task WriteSpecAsync(string seeds, string sizes) => await File.WriteAllTextAsync(spec, $$"""
            {
              "name": "grow by seeds", "corpusId": "multi30k", "devSize": 8, "testSize": 8, "sizes": [{{sizes}}],
              "realFractions": [1], "seeds": [{{seeds}}], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);

        await WriteSpecAsync("1", "200");
        var (code, output, error) = await RunAsync("run", spec, "--content-root", dir);
        Assert.True(code == 0, output + error);

        // The summary prints the trainable parameters the run reported: the architecture's count for its vocabulary.
        var vocabulary = SubwordTokenizer.Load(Directory.GetDirectories(dir, "tokenizer", SearchOption.AllDirectories).Single()).VocabularySize;
        var model = new ModelConfig { VocabSize = 400, DModel = 64, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 128 };
        Assert.Contains($"Trainable parameters per model: {TransformerParameterFormula.Count(model, vocabulary):N0} (1 run)", output);

        await WriteSpecAsync("1, 2", "200");
        (code, output, error) = await RunAsync("run", spec, "--content-root", dir);
        Assert.True(code == 0, output + error);
        Assert.Contains("gains seed(s) 2: 1 new run;", output);
        Assert.Contains("2 completed", output);

        await WriteSpecAsync("1, 2", "300");
        (code, _, error) = await RunAsync("run", spec, "--content-root", dir);
        Assert.Equal(2, code);
        Assert.Contains("only added seeds can extend it", error);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Run_of_a_spec_without_a_budget_names_the_epochs_budget_and_prints_the_steps_and_tokens_each_size_trained()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(dir, "old.json");
        // Written before specs had a "budget": it trains by epochs, capped here at two steps.
        await File.WriteAllTextAsync(spec, """
            {
              "name": "old budget", "corpusId": "multi30k", "devSize": 8, "testSize": 8, "sizes": [200],
              "realFractions": [1], "seeds": [1], "tokenizer": "perRun",
              "model": { "vocabSize": 400, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);

        var (code, output, error) = await RunAsync("run", spec, "--content-root", dir);

        Assert.True(code == 0, output + error);
        Assert.Contains("budget: epochs (per-condition step counts differ)" + Environment.NewLine + "Test BLEU by training size (mean ± sd over seeds; mean steps and target tokens trained):", output, StringComparison.Ordinal);
        long tokens;
        using (var host = WorkbenchHost.Build(dir, LogLevel.Warning))
        {
            await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
            tokens = (await context.Runs.SingleAsync(r => r.Role == RunRole.Grid)).TargetTokens!.Value;
        }

        Assert.Matches($@"real\s+200: +\d+\.\d\d ± 0\.00 \({System.Text.RegularExpressions.Regex.Escape(TrainingBudgetText.Format(2, tokens))}\)", output);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Run_prints_the_seed_plan_for_the_difference_asked_for_and_refuses_a_bad_one()
    {
        var spec = Path.Combine(dir, "plan.json");
        await File.WriteAllTextAsync(spec, """
            {
              "name": "plan seeds", "corpusId": "wmt22", "devSize": 8, "testSize": 8, "sizes": [40], "realFractions": [1, 0],
              "syntheticSources": [{ "name": "GPT-4", "generators": [{ "generatorId": "wmt22/GPT-4" }] }],
              "seeds": [1, 2, 3], "tokenizer": "perRun",
              "model": { "vocabSize": 300, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);

        var (refused, _, refusal) = await RunAsync("run", spec, "--content-root", dir, "--resolve", "-1");
        Assert.Equal(2, refused);
        Assert.Contains("--resolve", refusal);
        Assert.False(File.Exists(Path.Combine(dir, "App_Data", "regurgitate.db")));

        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var (code, output, error) = await RunAsync("run", spec, "--content-root", dir);
        Assert.True(code == 0, output + error);
        Assert.True(output.IndexOf(SeedPlanText.Heading, StringComparison.Ordinal) > output.IndexOf("Test BLEU by training size", StringComparison.Ordinal), output);
        Assert.Contains("Real data against 'GPT-4' (paired by seed:", output, StringComparison.Ordinal);
        Assert.Contains($"Database: {Path.Combine(dir, "App_Data", "regurgitate.db")}; runs: ", output, StringComparison.Ordinal);

        // The same results again from the stored experiment, without running anything; a missing one is refused.
        var (reported, report, reportError) = await RunAsync("experiment", "report", "1", "--content-root", dir);
        Assert.True(reported == 0, report + reportError);
        Assert.StartsWith("Experiment 1 'plan seeds': Finished; 6 of 6 grid runs completed.", report, StringComparison.Ordinal);
        var resultsStart = output.IndexOf("Test BLEU by training size", StringComparison.Ordinal);
        Assert.Contains(output[resultsStart..], report, StringComparison.Ordinal);
        var (missing, _, missingError) = await RunAsync("experiment", "report", "9", "--content-root", dir);
        Assert.Equal(2, missing);
        Assert.Contains("There is no experiment 9", missingError, StringComparison.Ordinal);

        // Two training steps score about 0 BLEU everywhere; give the six runs the scores of a real experiment, where
        // GPT-4 trails real data by 2.0, 2.4 and 1.6 BLEU on seeds 1–3 (σ̂ = 0.4 on 2 df), and run the spec again: with
        // every run completed it only prints.
        using (var host = WorkbenchHost.Build(dir, LogLevel.Warning))
        {
            await using var context = await host.Services.GetRequiredService<IDbContextFactory<RegurgitateDbContext>>().CreateDbContextAsync();
            var bleu = new Dictionary<(string, int), double>
            {
                [("real", 1)] = 20.0, [("real", 2)] = 21.0, [("real", 3)] = 22.5,
                [("GPT-4", 1)] = 18.0, [("GPT-4", 2)] = 18.6, [("GPT-4", 3)] = 20.9,
            };
            var runs = await context.Runs.Where(r => r.Role == RunRole.Grid).ToListAsync();
            Assert.Equal(6, runs.Count(r => r.Status == RunStatus.Completed));
            runs.ForEach(r => r.TestBleu = bleu[(r.Condition!, r.Seed)]);
            await context.SaveChangesAsync();
        }

        (code, output, error) = await RunAsync("run", spec, "--content-root", dir, "--resolve", "0.4");

        Assert.True(code == 0, output + error);
        Assert.Contains(
            SeedPlanText.Heading + Environment.NewLine
            + "       40 pairs: 3 seeds, σ of paired differences 0.40 BLEU (2 df); detectable now 1.31 BLEU; to resolve 0.4 BLEU: 10 seeds (7 more)",
            output,
            StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    private static async Task TrainTinyRunAsync(string runDirectory)
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory());
        var runner = new RunExecutor(new CorpusLoader(catalog), new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance);
        var config = new RunConfig
        {
            TrainSize = 200,
            DevSize = 8,
            TestSize = 8,
            Model = ModelConfig.Tiny with { VocabSize = 300 },
            Training = new TrainingConfig { MaxSteps = 3, EvaluateEvery = 3, TokensPerBatch = 512, WarmupSteps = 1, Threads = 2 },
            TestDecoding = Engine.Decoding.DecodingConfig.Greedy,
        };
        RunFinished? finished = null;
        await foreach (var e in runner.RunAsync(config, runDirectory, CancellationToken.None))
        {
            finished = e as RunFinished ?? finished;
        }

        Assert.True(finished?.Outcome == RunOutcome.Completed, finished?.Message);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
