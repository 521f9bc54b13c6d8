using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Training;

namespace Regurgitate.Engine.Tests.Experiments;

/// <summary>
/// The training thread runs ahead of the host that stores its events. A host that asks for it
/// (<see cref="RunResources.ConfirmStoredBeforeCheckpoint"/>) gets a <see cref="CheckpointPending"/> before each
/// checkpoint and the checkpoint is written only once it has confirmed storing everything before: a crash can then
/// never leave a checkpoint ahead of the stored curve (a resumed run would skip the points in between).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointConfirmationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("regurgitate-confirm-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static RunConfig Config => new()
    {
        TrainSize = 200,
        DevSize = 8,
        TestSize = 8,
        Seed = 3,
        Model = ModelConfig.Tiny with { VocabSize = 300 },
        Training = new TrainingConfig { MaxSteps = 12, EvaluateEvery = 6, TokensPerBatch = 256, WarmupSteps = 4, Threads = 1 },
        DevDecoding = DecodingConfig.Greedy,
        TestDecoding = DecodingConfig.Greedy,
    };

    private static RunResources Confirming => RunResources.AsConfigured with { ConfirmStoredBeforeCheckpoint = true };

    [Fact]
    public async Task A_checkpoint_is_written_only_after_the_host_confirms_it_stored_what_came_before()
    {
        var directory = Path.Combine(root, "confirmed");
        var checkpoints = new CheckpointStore(Path.Combine(directory, "checkpoints"));
        var events = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create().RunAsync(Config, directory, Confirming, CancellationToken.None))
        {
            events.Add(e);
            if (e is CheckpointPending pending)
            {
                // However long the host takes to store, the training thread waits: no checkpoint of this step yet.
                await Task.Delay(300);
                Assert.NotEqual(pending.Step, checkpoints.FindResumable()?.Position.Step);
                pending.Confirm(stored: true);
            }
        }

        var finished = Assert.IsType<RunFinished>(events[^1]);
        Assert.True(finished.Outcome == RunOutcome.Completed, finished.Message);
        Assert.Equal([6, 12], events.OfType<CheckpointPending>().Select(p => p.Step));
        Assert.Equal([6, 12], events.OfType<CheckpointSaved>().Select(c => c.Step));
        foreach (var step in new[] { 6, 12 })
        {
            var stepped = events.FindIndex(e => e is StepCompleted s && s.Step == step);
            var pending = events.FindIndex(e => e is CheckpointPending p && p.Step == step);
            var saved = events.FindIndex(e => e is CheckpointSaved c && c.Step == step);
            Assert.True(stepped < pending && pending < saved, $"step {step}: completed at {stepped}, pending at {pending}, saved at {saved}");
        }

        Assert.Equal(12, checkpoints.FindResumable()!.Position.Step);
    }

    [Fact]
    public async Task A_checkpoint_whose_past_the_host_could_not_store_is_not_written_and_the_run_goes_on()
    {
        var directory = Path.Combine(root, "refused");
        var events = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create().RunAsync(Config, directory, Confirming, CancellationToken.None))
        {
            events.Add(e);
            if (e is CheckpointPending pending)
            {
                pending.Confirm(stored: pending.Step != 6);
            }
        }

        Assert.Equal(RunOutcome.Completed, Assert.IsType<RunFinished>(events[^1]).Outcome);
        Assert.Equal([12], events.OfType<CheckpointSaved>().Select(c => c.Step));
        Assert.Equal(Enumerable.Range(1, 12), events.OfType<StepCompleted>().Select(s => s.Step));
    }

    [Fact]
    public async Task A_checkpoint_the_host_does_not_confirm_in_time_is_not_written_and_the_run_goes_on()
    {
        // The host never answers for step 6. The wait runs on the executor's clock: here a fake one, moved past the
        // timeout until the run goes on, so the test does not wait two real minutes.
        var time = new FakeTimeProvider();
        var clock = Stopwatch.StartNew();
        var events = new List<RunEvent>();
        using var unanswered = new CancellationTokenSource();
        Task? passTime = null;
        await foreach (var e in SharedDataRunExecutor.Create(time: time).RunAsync(Config, Path.Combine(root, "unanswered"), Confirming, CancellationToken.None))
        {
            events.Add(e);
            if (e is CheckpointPending { Step: 6 })
            {
                // Until the training thread is waiting, an advance would pass before its timer starts: keep advancing.
                passTime = Task.Run(async () =>
                {
                    while (!unanswered.IsCancellationRequested)
                    {
                        time.Advance(TrainingLoop.ConfirmationTimeout);
                        await Task.Delay(20);
                    }
                });
            }
            else if (e is CheckpointPending pending)
            {
                await unanswered.CancelAsync();
                pending.Confirm(stored: true);
            }
        }

        await unanswered.CancelAsync();
        await (passTime ?? Task.CompletedTask);
        Assert.Equal(RunOutcome.Completed, Assert.IsType<RunFinished>(events[^1]).Outcome);
        Assert.Equal([12], events.OfType<CheckpointSaved>().Select(c => c.Step));
        Assert.Equal(Enumerable.Range(1, 12), events.OfType<StepCompleted>().Select(s => s.Step));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"the run took {clock.Elapsed}: the wait did not follow the executor's clock");
    }

    [Fact]
    public async Task Without_the_request_checkpoints_do_not_wait()
    {
        var events = new List<RunEvent>();
        await foreach (var e in SharedDataRunExecutor.Create().RunAsync(Config, Path.Combine(root, "plain"), RunResources.AsConfigured, CancellationToken.None))
        {
            events.Add(e);
        }

        Assert.Empty(events.OfType<CheckpointPending>());
        Assert.Equal([6, 12], events.OfType<CheckpointSaved>().Select(c => c.Step));
    }
}
