using Microsoft.Data.Sqlite;

namespace Regurgitate.Cli.Tests;

/// <summary><c>regurgitate run</c> of a spec with pretraining: the pretrained model is reported twice, and every curve starts at size 0.</summary>
public sealed class FineTuningRunCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-fine-tuning-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Run_reports_the_pretrained_model_on_both_test_sets_and_starts_the_learning_curve_at_its_score()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(dir, "fine-tuning.json");
        await File.WriteAllTextAsync(spec, """
            {
              "name": "toy fine-tuning", "corpusId": "multi30k", "devSize": 8, "testSize": 8, "sizes": [40],
              "realFractions": [1], "seeds": [1],
              "pretrain": {
                "corpusId": "tatoeba", "trainSize": 200, "devSize": 8, "testSize": 8, "seed": 2,
                "training": { "maxSteps": 3, "evaluateEvery": 3, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 }
              },
              "model": { "vocabSize": 300, "dModel": 64, "heads": 2, "encoderLayers": 1, "decoderLayers": 1, "feedForward": 128, "dropout": 0.1 },
              "training": { "maxSteps": 2, "evaluateEvery": 2, "tokensPerBatch": 512, "warmupSteps": 1, "threads": 1 },
              "testDecoding": { "strategy": "greedy" }
            }
            """);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", spec, "--content-root", dir], output, error);

        var printed = output.ToString();
        Assert.True(code == 0, printed + error);
        Assert.StartsWith("Experiment 'toy fine-tuning': 1 run (1 condition × 1 size × 1 seed), 0 generator runs, pretraining on 200 pairs of 'tatoeba' scored at size 0; estimated", printed, StringComparison.Ordinal);
        Assert.Matches(@"Pretrained model \(run 1, 200 pairs of tatoeba, [\d,]+ parameters\): test BLEU \d+\.\d\d on its own test set", printed);
        Assert.Matches(@"Pretrained model on the multi30k test set before fine-tuning \(run 2, the size-0 point\): test BLEU \d+\.\d\d", printed);
        Assert.Contains("Test BLEU by training size (mean ± sd over seeds; mean steps and target tokens trained; size 0 is the pretrained model before fine-tuning):", printed, StringComparison.Ordinal);
        Assert.Matches(@"real\s+0: +\d+\.\d\d ± 0\.00 \(0 steps, 0 tokens\)\s+40: +\d+\.\d\d ± 0\.00 \(2 steps, ", printed);
        SqliteConnection.ClearAllPools();
    }
}
