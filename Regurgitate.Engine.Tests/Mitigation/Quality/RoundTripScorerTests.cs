using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Mitigation.Quality;
using Regurgitate.Engine.Tests.TestSupport;

namespace Regurgitate.Engine.Tests.Mitigation.Quality;

[Collection(TorchCollection.Name)]
public sealed class RoundTripScorerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "regurgitate-round-trip-" + Guid.NewGuid().ToString("N"));
    private readonly SingleTorchThread thread = new();

    [Fact]
    public async Task AReverseRunLearnsEnglishToGermanOnTheSwappedSplit()
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory());
        var loader = new CorpusLoader(catalog);
        var config = new RunConfig
        {
            CorpusId = "multi30k",
            TrainSize = 300,
            DevSize = 8,
            TestSize = 12,
            Seed = 3,
            Reverse = true,
            Model = ModelConfig.Tiny with { VocabSize = 400, DModel = 32, Heads = 2, FeedForward = 64 },
            Training = new TrainingConfig { MaxSteps = 40, EvaluateEvery = 40, TokensPerBatch = 1_024, WarmupSteps = 10, LearningRate = 3e-3, Threads = 1 },
            DevDecoding = DecodingConfig.Greedy,
            TestDecoding = DecodingConfig.Greedy,
        };
        var runner = new RunExecutor(loader, new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance);
        var events = new List<RunEvent>();
        await foreach (var e in runner.RunAsync(config, directory, CancellationToken.None))
        {
            events.Add(e);
        }

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);

        // The same split as the forward run, every pair swapped: English sources, German references (file names kept).
        var forward = await loader.LoadSplitsAsync(SplitRequest.From(config with { Reverse = false }), null, CancellationToken.None);
        var outputs = (await TestOutputs.ReadAsync(directory, CancellationToken.None))!.Value;
        Assert.Equal(forward.Test.Select(p => p.Target), outputs.Sources);
        Assert.Equal(forward.Test.Select(p => p.Source), outputs.References);
        var dev = events.OfType<EvaluationCompleted>().First(e => e.Split == EvaluationSplit.Dev);
        Assert.Equal(forward.Dev.Take(dev.Samples.Count).Select(p => p.Target), dev.Samples.Select(s => s.Source));

        // The saved model writes German: its test outputs are closer to the German references than to the English sources.
        using var trained = TrainedModel.FromRunDirectory(directory);
        Assert.True(trained.RunConfig!.Reverse);
        var hypotheses = trained.Translate(outputs.Sources, DecodingConfig.Greedy);
        Assert.Equal(outputs.Hypotheses, hypotheses);
        var toGerman = new ChrFMetric().CorpusScore(hypotheses, [outputs.References]).Score;
        var toEnglish = new ChrFMetric().CorpusScore(hypotheses, [outputs.Sources]).Score;
        Assert.True(toGerman > toEnglish, $"chrF against German {toGerman:0.0}, against English {toEnglish:0.0}: '{hypotheses[0]}'");

        // And it is accepted as a round-trip model.
        var scores = await new RoundTripScorer(trained).ScoreAsync([new QualityInput(outputs.References[0], outputs.Sources[0], [])], null, CancellationToken.None);
        Assert.Equal(new ChrFMetric().SentenceScore(hypotheses[0], [outputs.References[0]]).Score, scores[0]!.Value, 12);
    }

    [Fact]
    public void ReverseIsWrittenToTheConfigurationOnlyWhenSet()
    {
        // Forward configurations serialise as before the flag existed, so their run directories still resume.
        Assert.DoesNotContain("Reverse", System.Text.Json.JsonSerializer.Serialize(new RunConfig()), StringComparison.Ordinal);
        var json = System.Text.Json.JsonSerializer.Serialize(new RunConfig { Reverse = true });
        Assert.Contains("\"Reverse\":true", json, StringComparison.Ordinal);
        Assert.True(System.Text.Json.JsonSerializer.Deserialize<RunConfig>(json)!.Reverse);
        Assert.Empty(RunConfigValidator.Validate(new RunConfig { Reverse = true }));
    }

    [Fact]
    public async Task ACorrectTargetTranslatesBackToItsSourceAndAWrongOneDoesNot()
    {
        using var reverse = TinyRunDirectory.Create(directory, reverse: true, steps: 120);
        var pairs = TinyRunDirectory.Pairs;
        QualityInput[] inputs =
        [
            .. pairs.Select(p => new QualityInput(p.De, p.En, [])),
            .. pairs.Select((p, i) => new QualityInput(p.De, pairs[(i + 1) % pairs.Length].En, [])),
            new(" ", pairs[0].En, []),
            new(pairs[0].De, "", []),
        ];
        var scorer = new RoundTripScorer(reverse);

        var scores = await ScorerAssert.ScoreWithProgress(scorer, inputs);

        var back = reverse.Translate([.. inputs.Take(2 * pairs.Length).Select(i => i.Target)], DecodingConfig.Greedy);
        for (var i = 0; i < 2 * pairs.Length; i++)
        {
            Assert.Equal(new ChrFMetric().SentenceScore(back[i], [inputs[i].Source]).Score, scores[i]!.Value, 12);
        }

        var right = scores.Take(pairs.Length).Average(s => s!.Value);
        var wrong = scores.Skip(pairs.Length).Take(pairs.Length).Average(s => s!.Value);
        Assert.True(right > wrong + 20, $"correct targets {right:0.0}, shifted targets {wrong:0.0}");
        Assert.Null(scores[^2]);
        Assert.Equal(0.0, scores[^1]!.Value, 12);
        Assert.Equal(scores, await scorer.ScoreAsync(inputs, null, CancellationToken.None));
    }

    [Fact]
    public async Task EmptyInputCancellationAndIdentity()
    {
        using var reverse = TinyRunDirectory.Create(directory, reverse: true, steps: 1);
        var scorer = new RoundTripScorer(reverse, DecodingConfig.Greedy with { SentencesPerBatch = 1, MaxLengthOffset = 2 });
        Assert.Equal("roundtrip", scorer.Name);
        Assert.False(scorer.IsOracle);
        await ScorerAssert.HandlesEmptyInput(scorer);
        await ScorerAssert.HonoursCancellation(scorer, [.. TinyRunDirectory.Pairs.Select(p => new QualityInput(p.De, p.En, []))]);
    }

    [Fact]
    public void AForwardRunIsRefused()
    {
        using var forward = TinyRunDirectory.Create(directory, reverse: false, steps: 1);
        var error = Assert.Throws<ArgumentException>(() => new RoundTripScorer(forward));
        Assert.Contains("reverse", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        thread.Dispose();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
