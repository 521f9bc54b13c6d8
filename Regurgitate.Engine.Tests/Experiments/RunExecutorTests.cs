using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Tokenization;

namespace Regurgitate.Engine.Tests.Experiments;

[Collection(TorchCollection.Name)]
public sealed class RunExecutorTests : IDisposable
{
    private readonly string runDirectory = Path.Combine(Path.GetTempPath(), "regurgitate-runner-" + Guid.NewGuid().ToString("N"));

    private static RunConfig TinyRun(int maxSteps = 30) => new()
    {
        CorpusId = "multi30k",
        TrainSize = 400,
        DevSize = 20,
        TestSize = 30,
        Seed = 3,
        Model = ModelConfig.Tiny with { VocabSize = 400 },
        Training = new TrainingConfig { MaxSteps = maxSteps, EvaluateEvery = 15, TokensPerBatch = 512, WarmupSteps = 10, Threads = 2 },
    };

    private async Task<List<RunEvent>> Collect(RunConfig config, CancellationToken cancellationToken = default)
    {
        var events = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create().RunAsync(config, runDirectory, cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task A_reverse_run_is_scored_against_the_German_sources_it_translates_into()
    {
        var events = await Collect(TinyRun(maxSteps: 6) with { Reverse = true, Training = TinyRun().Training with { MaxSteps = 6, EvaluateEvery = 6 } });

        var test = Assert.Single(events.OfType<EvaluationCompleted>(), e => e.Split == EvaluationSplit.Test);
        var files = TestOutputs.PathsOf(runDirectory).Select(File.ReadAllLines).ToArray();
        var (sources, references, hypotheses) = (files[0], files[1], files[2]);
        var english = await new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory()))
            .LoadSplitsAsync(SplitRequest.From(TinyRun()), null, CancellationToken.None);

        // The run translates English into German: its test sources are the English targets, its references the
        // German sources, and it is scored on its German output against them (before, against the English).
        Assert.Equal(english.Test.Select(p => p.Target), sources);
        Assert.Equal(english.Test.Select(p => p.Source), references);
        // chrF, because a model this small scores BLEU 0 against either language.
        Assert.Equal(new BleuMetric().CorpusScore(hypotheses, [references]).Score, test.Bleu, 10);
        Assert.Equal(new ChrFMetric().CorpusScore(hypotheses, [references]).Score, test.ChrF, 10);
        Assert.NotEqual(new ChrFMetric().CorpusScore(hypotheses, [sources]).Score, test.ChrF, 10);
    }

    [Fact]
    public async Task A_mixed_run_trains_on_exact_real_and_synthetic_shares_and_keeps_the_test_set_of_its_split_seed()
    {
        var datasets = Path.Combine(runDirectory, "datasets");
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data, DatasetsDirectory = datasets }, Directory.GetCurrentDirectory());
        var repository = new SyntheticDatasetRepository(catalog);
        var pool = (await new CorpusLoader(catalog).LoadSplitsAsync("multi30k", 3_000, 20, 30, 1, CancellationToken.None)).Train;
        foreach (var id in new[] { "test/shouting", "test/every-other" })
        {
            var generator = new GeneratorDescriptor { Id = id, Name = id, Kind = GeneratorKind.Local };
            var targets = pool.Select((p, i) => id == "test/every-other" && i % 2 == 1
                ? new SyntheticTarget(p.Source, 0, null, "skipped", new(id, null, DateTimeOffset.UnixEpoch))
                : new SyntheticTarget(p.Source, 0, p.Target.ToUpperInvariant(), null, new(id, null, DateTimeOffset.UnixEpoch)));
            await repository.SaveAsync(new SyntheticTargetSet(generator, [.. targets]), CancellationToken.None);
        }

        var config = TinyRun() with
        {
            TrainSize = 200,
            Seed = 9,
            SplitSeed = 1,
            TestSize = 10,
            Training = TinyRun().Training with { MaxSteps = 4, EvaluateEvery = 4, MaxTokensPerSentence = 250, TokensPerBatch = 1_024 },
            Mixture = new MixtureConfig { RealFraction = 0.25, Synthetic = [new("test/shouting")], AlignWith = ["test/every-other"] },
        };
        var runner = new RunExecutor(new CorpusLoader(catalog), repository, NullLogger<RunExecutor>.Instance);
        async Task<List<RunEvent>> Run(RunConfig c, string directory)
        {
            var list = new List<RunEvent>();
            await foreach (var e in runner.RunAsync(c, directory, CancellationToken.None))
            {
                list.Add(e);
            }

            return list;
        }

        var events = await Run(config, runDirectory);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);
        Assert.Equal(200, Assert.Single(events.OfType<RunStarted>()).TrainPairs);
        Assert.Contains(events.OfType<PhaseChanged>(), p => p.Message == "Training set: 50 real + 150 test/shouting");
        var composition = await File.ReadAllTextAsync(Path.Combine(runDirectory, "training-set.json"));
        Assert.Contains("\"test/shouting\": 150", composition);

        // The pairs themselves, with provenance: the real ones with their human target, the synthetic ones with the
        // generator's target and the human reference of the same source.
        var pairs = (await TrainingPairs.ReadAsync(runDirectory, CancellationToken.None))!;
        Assert.Equal(200, pairs.Count);
        Assert.Equal(50, pairs.Count(p => p.Origin == MixtureComposer.RealOrigin));
        Assert.All(pairs.Where(p => p.IsReal), p => Assert.Equal(p.Reference, p.Pair.Target));
        Assert.All(pairs.Where(p => !p.IsReal), p => Assert.Equal(("test/shouting", p.Reference.ToUpperInvariant()), (p.Origin, p.Pair.Target)));
        var references = pool.ToLookup(p => p.Source, p => p.Target);
        Assert.All(pairs, p => Assert.Contains(p.Reference, references[p.Pair.Source]));

        // Pairs the length filter drops are not recorded: the file is what the model saw.
        var otherDirectory = Path.Combine(runDirectory, "other-seed");
        var otherSeed = await Run(config with { Seed = 10, Training = config.Training with { MaxTokensPerSentence = 30 } }, otherDirectory);
        var otherFinished = Assert.IsType<RunFinished>(otherSeed[^1]);
        Assert.True(otherFinished.Outcome == RunOutcome.Completed, otherFinished.Message);
        var trained = Assert.Single(otherSeed.OfType<RunStarted>()).TrainPairs;
        Assert.InRange(trained, 1, 199);
        Assert.Equal(trained, (await TrainingPairs.ReadAsync(otherDirectory, CancellationToken.None))!.Count);
        var testSources = events.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test).Samples.Select(s => s.Source);
        var otherTestSources = otherSeed.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test).Samples.Select(s => s.Source);
        Assert.Equal(testSources, otherTestSources);
    }

    [Fact]
    public async Task ATinyRunPublishesStepsDevEvaluationsCheckpointsAndAFinalTestScore()
    {
        var events = await Collect(TinyRun());

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);
        Assert.Single(events.OfType<RunFinished>());

        var started = Assert.Single(events.OfType<RunStarted>());
        Assert.Equal(400, started.TrainPairs);
        // Tiny, tied, sinusoidal: 400·64 + (33,472 + 128) + (50,240 + 128) = 109,568 trainable parameters.
        Assert.Equal(TransformerParameterFormula.Count(TinyRun().Model, started.VocabularySize), started.Parameters);
        Assert.Equal(109_568, started.Parameters);

        var steps = events.OfType<StepCompleted>().ToList();
        Assert.Equal(Enumerable.Range(1, 30), steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.True(double.IsFinite(s.Loss) && s.TokensPerSecond > 0));
        Assert.NotNull(steps[^2].Eta);

        var evaluations = events.OfType<EvaluationCompleted>().ToList();
        Assert.Equal([15, 30, 30], evaluations.Select(e => e.Step));
        Assert.Equal([EvaluationSplit.Dev, EvaluationSplit.Dev, EvaluationSplit.Test], evaluations.Select(e => e.Split));
        Assert.All(evaluations, e => Assert.StartsWith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:", e.BleuSignature, StringComparison.Ordinal));
        Assert.All(evaluations, e => Assert.InRange(e.Bleu, 0, 100));
        Assert.Equal(5, evaluations[^1].Samples.Count);
        Assert.NotNull(evaluations[0].Loss);

        Assert.Equal(2, events.OfType<CheckpointSaved>().Count());
        Assert.All(events.OfType<CheckpointSaved>(), c => Assert.True(File.Exists(c.Path)));
        Assert.True(File.Exists(Path.Combine(runDirectory, "config.json")));
        Assert.Equal(400, SubwordTokenizer.Load(Path.Combine(runDirectory, "tokenizer")).VocabularySize);
        var pairs = (await TrainingPairs.ReadAsync(runDirectory, CancellationToken.None))!;
        Assert.Equal(started.TrainPairs, pairs.Count);
        Assert.All(pairs, p => Assert.True(p.IsReal && p.Reference == p.Pair.Target));

        // The finished run directory is directly usable for translation.
        using var trained = TrainedModel.FromRunDirectory(runDirectory);
        Assert.Equal(30, trained.Step);
        Assert.Equal(started.Parameters, trained.Model.parameters().Sum(p => p.numel()));
        Assert.Equal(3, trained.Translate(["Ein Hund rennt.", "Zwei Männer stehen.", ""], DecodingConfig.Greedy).Count);

        // The test translations are kept, aligned with sources and references, and score as reported.
        var outputs = (await TestOutputs.ReadAsync(runDirectory, CancellationToken.None))!.Value;
        Assert.Equal(30, outputs.Hypotheses.Count);
        var test = events.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test);
        Assert.Equal(test.Bleu, new Regurgitate.Engine.Evaluation.BleuMetric().CorpusScore(outputs.Hypotheses, [outputs.References]).Score, 1e-9);
    }

    [Fact]
    public async Task A_token_budget_trains_the_planned_steps_and_stops_at_the_first_step_that_reaches_it()
    {
        var config = TinyRun() with { Training = TinyRun().Training with { MaxSteps = 10_000, EvaluateEvery = 10_000, MaxTargetTokens = 3_000, Epochs = 1 } };

        var events = await Collect(config);

        Assert.True(events[^1] is RunFinished { Outcome: RunOutcome.Completed }, (events[^1] as RunFinished)?.Message);
        var planned = Assert.Single(events.OfType<TrainingPlanned>());
        var steps = events.OfType<StepCompleted>().ToList();
        Assert.Equal(planned.Steps, steps.Count);
        Assert.Equal(planned.TargetTokens, steps[^1].TargetTokensSeen);
        Assert.InRange(planned.TargetTokens, 3_000, 3_000 + 511);
        Assert.True(steps[^2].TargetTokensSeen < 3_000);
        Assert.Equal(Assert.Single(events.OfType<RunStarted>()).TrainPairs, planned.PairsKept);
        Assert.Equal(400, planned.PairsKept + planned.PairsDropped);
        Assert.True(planned.SourceTokens > planned.Steps);
    }

    [Fact]
    public async Task CancellingEndsTheRunWithACancelledOutcome()
    {
        // Cancelled just before step 4, from the training thread: cancelling from here when step 3 arrived let the
        // thread, which runs ahead of its reader, train ten steps or more first on a loaded machine.
        using var cancellation = new CancellationTokenSource();
        var events = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create(new CancelAtStep(4, cancellation)).RunAsync(TinyRun(maxSteps: 10_000), runDirectory, cancellation.Token))
        {
            events.Add(e);
        }

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunOutcome.Cancelled, finished.Outcome);
        Assert.Equal([1, 2, 3, 4], events.OfType<StepCompleted>().Select(s => s.Step));
    }

    [Fact]
    public async Task AnInvalidConfigurationFailsWithAMessageNamingTheFields()
    {
        var config = TinyRun() with { Model = ModelConfig.Tiny with { DModel = 65 }, Training = new TrainingConfig { MaxSteps = 10, EvaluateEvery = 20 } };

        var events = await Collect(config);

        var finished = Assert.IsType<RunFinished>(Assert.Single(events));
        Assert.Equal(RunOutcome.Failed, finished.Outcome);
        Assert.Contains("Model.Heads", finished.Message, StringComparison.Ordinal);
        Assert.Contains("Training.EvaluateEvery", finished.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(runDirectory));
    }

    [Fact]
    public async Task AnUnknownCorpusFailsWithAMessageNamingIt()
    {
        var events = await Collect(TinyRun() with { CorpusId = "europarl-v99" });

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunOutcome.Failed, finished.Outcome);
        Assert.Contains("europarl-v99", finished.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(runDirectory))
        {
            Directory.Delete(runDirectory, recursive: true);
        }
    }
}
