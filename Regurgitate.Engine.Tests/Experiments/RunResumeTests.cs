using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.Experiments;

/// <summary>
/// A run stopped at any moment continues from its last complete checkpoint exactly as if it had never stopped:
/// same losses step for step (optimiser moments, dropout RNG and batch order are restored), same final translations.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class RunResumeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-resume-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static RunConfig Config => new()
    {
        TrainSize = 300,
        DevSize = 8,
        TestSize = 16,
        Seed = 5,
        Model = ModelConfig.Tiny with { VocabSize = 300, Dropout = 0.2 },
        Training = new TrainingConfig { MaxSteps = 20, EvaluateEvery = 8, TokensPerBatch = 256, WarmupSteps = 5, Threads = 1 },
        DevDecoding = DecodingConfig.Greedy,
        TestDecoding = DecodingConfig.Greedy,
    };

    /// <summary>
    /// Runs to the end, or stops after step <paramref name="cancelAfterStep"/>: the stop is requested on the training
    /// thread as that step begins, so the run ends after exactly that step whatever the machine's load (a stop requested
    /// by the event reader could arrive steps later, or after the run had finished).
    /// </summary>
    private static async Task<List<RunEvent>> RunAsync(string directory, int? cancelAfterStep = null)
    {
        using var cancellation = new CancellationTokenSource();
        var events = new List<RunEvent>();
        var faults = new CancelAtStep(cancelAfterStep ?? int.MaxValue, cancellation);
        await foreach (var e in SharedDataRunExecutor.Create(faults).RunAsync(Config, directory, cancellation.Token))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task A_run_stopped_mid_way_resumes_from_its_checkpoint_and_ends_exactly_like_an_uninterrupted_one()
    {
        var whole = await RunAsync(Path.Combine(root, "whole"));
        var interruptedDirectory = Path.Combine(root, "interrupted");
        var first = await RunAsync(interruptedDirectory, cancelAfterStep: 13);
        var second = await RunAsync(interruptedDirectory);

        Assert.Equal(RunOutcome.Cancelled, Assert.IsType<RunFinished>(first[^1]).Outcome);
        Assert.Equal(13, first.OfType<StepCompleted>().Last().Step);
        Assert.Equal([8, 13], first.OfType<CheckpointSaved>().Select(c => c.Step));
        var finished = Assert.IsType<RunFinished>(second[^1]);
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);

        // Stopped between steps, the run checkpointed where it stood, so nothing it trained is repeated.
        var resumed = Assert.Single(second.OfType<RunResumed>());
        Assert.Equal(13, resumed.Step);
        Assert.Equal(Enumerable.Range(14, 7), second.OfType<StepCompleted>().Select(s => s.Step));

        var expected = whole.OfType<StepCompleted>().Where(s => s.Step > 13).ToList();
        var actual = second.OfType<StepCompleted>().ToList();
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Loss, actual[i].Loss, 5);
            Assert.Equal(expected[i].TargetTokensSeen, actual[i].TargetTokensSeen);
            Assert.Equal(expected[i].SentencesSeen, actual[i].SentencesSeen);
        }

        var wholeTest = whole.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test);
        var resumedTest = second.OfType<EvaluationCompleted>().Single(e => e.Split == EvaluationSplit.Test);
        Assert.Equal(wholeTest.Bleu, resumedTest.Bleu, 9);
        Assert.Equal(wholeTest.Samples.Select(s => s.Hypothesis), resumedTest.Samples.Select(s => s.Hypothesis));
    }

    [Fact]
    public async Task A_torn_newest_checkpoint_falls_back_to_the_previous_one_and_another_configuration_is_refused()
    {
        var directory = Path.Combine(root, "torn");
        await RunAsync(directory, cancelAfterStep: 17);
        var store = new CheckpointStore(Path.Combine(directory, "checkpoints"));
        Assert.Equal(17, store.FindResumable()!.Position.Step);

        // A kill during the state write leaves a short state file: the position's checksum no longer matches.
        var newest = store.FindResumable()!;
        await File.WriteAllBytesAsync(newest.StatePath, (await File.ReadAllBytesAsync(newest.StatePath))[..10]);
        Assert.Equal(16, store.FindResumable()!.Position.Step);

        var resumed = await RunAsync(directory);
        Assert.Equal(16, Assert.Single(resumed.OfType<RunResumed>()).Step);
        Assert.Equal(RunOutcome.Completed, Assert.IsType<RunFinished>(resumed[^1]).Outcome);

        var other = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create().RunAsync(Config with { Seed = 6 }, directory, CancellationToken.None))
        {
            other.Add(e);
        }

        var refused = Assert.IsType<RunFinished>(other[^1]);
        Assert.Equal(RunOutcome.Failed, refused.Outcome);
        Assert.Contains("another configuration", refused.Message);
    }

    /// <summary>
    /// A power loss while a file was written, simulated by cutting it short at seeded random offsets: a cut config.json
    /// resumes from the newest checkpoint (whose position record names this configuration), a cut file of the newest
    /// checkpoint falls back to the one before. Neither may ever turn into the permanent "another configuration" refusal.
    /// </summary>
    [Fact]
    public async Task A_config_or_checkpoint_file_cut_short_resumes_from_a_checkpoint_and_is_never_taken_for_another_configuration()
    {
        var template = Path.Combine(root, "template");
        await RunAsync(template, cancelAfterStep: 17);
        var random = new Random(19);
        var newest = Path.Combine("checkpoints", "step-00000017");
        var cases = new List<(string File, int ExpectedStep)>
        {
            ("config.json", 17), ("config.json", 17), ("config.json", 17),
            (newest + ".pt", 16), (newest + ".state", 16), (newest + ".position.json", 16), (newest + ".pt.sha256", 16),
        };

        var failures = new List<string>();
        for (var i = 0; i < cases.Count; i++)
        {
            var (file, expectedStep) = cases[i];
            var directory = CopyOf(template, Path.Combine(root, $"cut-{i}"));
            var path = Path.Combine(directory, file);
            var length = (int)new FileInfo(path).Length;
            var offset = i == 0 ? 0 : random.Next(0, length);
            await File.WriteAllBytesAsync(path, (await File.ReadAllBytesAsync(path))[..offset]);

            var events = await RunAsync(directory);
            var finished = Assert.IsType<RunFinished>(events[^1]);
            var resumedAt = events.OfType<RunResumed>().SingleOrDefault()?.Step;
            if (finished.Outcome != RunOutcome.Completed || resumedAt != expectedStep)
            {
                failures.Add($"{file} cut to {offset} of {length} bytes: {finished.Outcome}, resumed at {resumedAt?.ToString() ?? "none"} (expected {expectedStep}): {finished.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task A_cut_config_json_with_no_checkpoint_of_this_configuration_fails_naming_the_file()
    {
        var directory = Path.Combine(root, "cut-config");
        await RunAsync(directory, cancelAfterStep: 9);
        var configPath = Path.Combine(directory, "config.json");
        await File.WriteAllTextAsync(configPath, (await File.ReadAllTextAsync(configPath))[..40]);
        Directory.Delete(Path.Combine(directory, "checkpoints"), recursive: true);

        var events = await RunAsync(directory);

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.Equal(RunOutcome.Failed, finished.Outcome);
        Assert.Contains(configPath, finished.Message);
        Assert.DoesNotContain("another configuration", finished.Message);
    }

    private static string CopyOf(string source, string destination)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(destination, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return destination;
    }
}
