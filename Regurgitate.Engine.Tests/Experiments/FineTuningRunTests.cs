using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.Experiments;

/// <summary>
/// A run started from a pretrained model (<see cref="RunConfig.InitFrom"/>) begins at its weights and vocabulary, with
/// a fresh optimiser and learning-rate schedule; a mismatched model is refused by path; a stopped fine-tuning run
/// resumes from its own checkpoint exactly.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class FineTuningRunTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-finetune-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static RunConfig Pretraining => new()
    {
        TrainSize = 300,
        DevSize = 8,
        TestSize = 16,
        Seed = 5,
        SplitSeed = 1, // the same test set for every seed
        Model = ModelConfig.Tiny with { VocabSize = 300, Dropout = 0.2 },
        Training = new TrainingConfig { MaxSteps = 60, EvaluateEvery = 30, TokensPerBatch = 256, WarmupSteps = 5, Threads = 1 },
        DevDecoding = DecodingConfig.Greedy,
        TestDecoding = DecodingConfig.Greedy,
    };

    private RunConfig FineTuning(string pretrained) => Pretraining with
    {
        TrainSize = 120,
        Seed = 9,
        InitFrom = pretrained,
        Training = Pretraining.Training with { MaxSteps = 12, EvaluateEvery = 6 },
    };

    private static async Task<List<RunEvent>> RunAsync(RunConfig config, string directory, int? cancelAfterStep = null)
    {
        using var cancellation = new CancellationTokenSource();
        var events = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create(new CancelAtStep(cancelAfterStep ?? int.MaxValue, cancellation)).RunAsync(config, directory, cancellation.Token))
        {
            events.Add(e);
        }

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.True(cancelAfterStep is not null || finished.Outcome == RunOutcome.Completed, finished.Message);
        return events;
    }

    /// <summary>Trains the pretrained model (each test has its own folder) and returns its directory and events.</summary>
    private async Task<(string Directory, List<RunEvent> Events)> PretrainAsync()
    {
        var directory = Path.Combine(root, "pretrained");
        return (directory, await RunAsync(Pretraining, directory));
    }

    private static EvaluationCompleted Test(List<RunEvent> events) => events.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test);

    [Fact]
    public async Task A_zero_step_run_from_a_pretrained_run_translates_the_test_set_exactly_as_that_run_did()
    {
        var (pretrained, pretraining) = await PretrainAsync();

        // Same corpus and split, another training sample and seed: only the loaded weights can make the outputs agree.
        var zeroShot = await RunAsync(FineTuning(pretrained) with { Training = Pretraining.Training with { MaxSteps = 0 } }, Path.Combine(root, "zero-shot"));

        Assert.Empty(zeroShot.OfType<StepCompleted>());
        Assert.Equal(0, Assert.Single(zeroShot.OfType<TrainingPlanned>()).Steps);
        Assert.Equal(0, Test(zeroShot).Step);
        Assert.Equal(Test(pretraining).Bleu, Test(zeroShot).Bleu, 9);
        var hypotheses = await File.ReadAllLinesAsync(Path.Combine(root, "zero-shot", "test.hyp.en"));
        Assert.Equal(await File.ReadAllLinesAsync(Path.Combine(pretrained, "test.hyp.en")), hypotheses);
        Assert.True(hypotheses.Distinct().Count() > 1, "the pretrained model should not translate every sentence alike");
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(pretrained, "tokenizer", SubwordTokenizer.VocabularyFileName)),
            await File.ReadAllTextAsync(Path.Combine(root, "zero-shot", "tokenizer", SubwordTokenizer.VocabularyFileName)));
    }

    [Fact]
    public async Task Fine_tuning_starts_at_the_pretrained_weights_with_a_fresh_schedule()
    {
        var (pretrained, _) = await PretrainAsync();
        var fromScratch = await RunAsync(FineTuning(pretrained) with { InitFrom = null, TokenizerDirectory = Path.Combine(pretrained, "tokenizer") }, Path.Combine(root, "scratch"));
        var fineTuned = await RunAsync(FineTuning(pretrained), Path.Combine(root, "fine-tuned"));

        var first = fineTuned.OfType<StepCompleted>().First();
        Assert.Equal(1, first.Step);
        Assert.Equal(12, fineTuned.OfType<StepCompleted>().Last().Step);

        // Warm-up restarts: the first step's rate is the schedule's at step 1, not at the pretrained run's last step.
        Assert.Equal(LearningRateSchedule.InverseSquareRoot(1, Pretraining.Training.LearningRate, Pretraining.Training.WarmupSteps), first.LearningRate, 12);

        // Same data, batches and dropout: only the starting weights differ, and the pretrained ones fit far better.
        Assert.True(first.Loss < fromScratch.OfType<StepCompleted>().First().Loss - 0.5, $"fine-tuned {first.Loss}, from scratch {fromScratch.OfType<StepCompleted>().First().Loss}");
        Assert.Contains(fineTuned.OfType<PhaseChanged>(), p => p.Message.Contains("pretrained weights", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stopped_fine_tuning_run_resumes_from_its_own_checkpoint_exactly()
    {
        var (pretrained, _) = await PretrainAsync();
        var whole = await RunAsync(FineTuning(pretrained), Path.Combine(root, "whole"));
        var directory = Path.Combine(root, "interrupted");
        await RunAsync(FineTuning(pretrained), directory, cancelAfterStep: 8);
        var second = await RunAsync(FineTuning(pretrained), directory);

        Assert.Equal(8, Assert.Single(second.OfType<RunResumed>()).Step);
        Assert.DoesNotContain(second.OfType<PhaseChanged>(), p => p.Message.Contains("pretrained weights", StringComparison.Ordinal));
        var expected = whole.OfType<StepCompleted>().Where(s => s.Step > 8).Select(s => s.Loss).ToList();
        var actual = second.OfType<StepCompleted>().Select(s => s.Loss).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i], 5);
        }

        Assert.Equal(Test(whole).Samples.Select(s => s.Hypothesis), Test(second).Samples.Select(s => s.Hypothesis));
    }

    [Fact]
    public async Task Another_architecture_direction_or_vocabulary_is_refused_naming_the_field_and_the_pretrained_path()
    {
        var (pretrained, _) = await PretrainAsync();
        var checkpoint = new CheckpointStore(Path.Combine(pretrained, "checkpoints")).LatestIntact()!.Value.Path;
        var otherVocabulary = Path.Combine(root, "other-tokenizer");
        Directory.CreateDirectory(otherVocabulary);
        File.Copy(Path.Combine(pretrained, "tokenizer", SubwordTokenizer.VocabularyFileName), Path.Combine(otherVocabulary, SubwordTokenizer.VocabularyFileName));
        await File.WriteAllTextAsync(Path.Combine(otherVocabulary, SubwordTokenizer.MergesFileName), "#version: 0.2\n");

        var config = FineTuning(pretrained) with
        {
            Model = Pretraining.Model with { DModel = 128, Dropout = 0.1 },
            Reverse = true,
            TokenizerDirectory = otherVocabulary,
        };
        var errors = RunConfigValidator.Validate(config);

        Assert.Equal(["Model.DModel", "Reverse", "TokenizerDirectory"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Contains(checkpoint, e.Message));

        // A checkpoint file names the same model; dropout is not architecture, so it may differ.
        Assert.Empty(RunConfigValidator.Validate(FineTuning(checkpoint) with { Model = Pretraining.Model with { Dropout = 0.1 } }));
        Assert.Empty(RunConfigValidator.Validate(FineTuning(pretrained) with { TokenizerDirectory = Path.Combine(pretrained, "tokenizer") }));

        var missing = Path.Combine(root, "no-such-run");
        var notFound = Assert.Single(RunConfigValidator.Validate(FineTuning(missing)));
        Assert.Equal("InitFrom", notFound.Field);
        Assert.Contains(missing, notFound.Message);

        var failed = await RunAsync(config, Path.Combine(root, "refused"), cancelAfterStep: 1);
        var refused = Assert.IsType<RunFinished>(failed[^1]);
        Assert.Equal(RunOutcome.Failed, refused.Outcome);
        Assert.Contains("Model.DModel", refused.Message);
    }

    [Fact]
    public void Zero_steps_need_a_pretrained_model()
    {
        var errors = RunConfigValidator.Validate(Pretraining with { Training = Pretraining.Training with { MaxSteps = 0 } });

        Assert.Equal("Training.MaxSteps", Assert.Single(errors).Field);
    }
}
