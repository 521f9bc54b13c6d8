using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Training;
using Regurgitate.Web.Features.Runs;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Web.Tests.Execution;

/// <summary>
/// An allocation failure inside the real engine, injected through <see cref="ITrainingFaultInjector"/>, driven through
/// the coordinator: the run fails with advice, keeps its checkpoint, the queue goes on, and a retry resumes.
/// </summary>
public sealed class OutOfMemoryTests
{
    // Real training on a loaded 2-core machine: generous, though a quiet run takes a few seconds.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static RunConfig TinyRun(int seed, int maxSteps) => new()
    {
        CorpusId = "multi30k",
        TrainSize = 300,
        DevSize = 10,
        TestSize = 10,
        Seed = seed,
        Model = ModelConfig.Tiny with { VocabSize = 400 },
        Training = new TrainingConfig { MaxSteps = maxSteps, EvaluateEvery = 5, TokensPerBatch = 512, WarmupSteps = 10, Threads = 2 },
    };

    [Fact]
    public async Task Running_out_of_memory_fails_only_that_run_with_advice_keeps_its_checkpoint_and_a_retry_resumes_it()
    {
        var faults = new OneShotFault(step: 8, () => new OutOfMemoryException("Insufficient memory to continue the execution of the program."));
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory());
        var engine = new RunExecutor(new CorpusLoader(catalog), new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance, faults);
        await using var harness = await CoordinatorHarness.StartAsync(engine, new RunsOptions { RunsDirectory = "runs", QueuePollInterval = TimeSpan.FromMilliseconds(50) });

        var victim = await harness.Coordinator.StartAsync("oom", TinyRun(seed: 3, maxSteps: 12), CancellationToken.None);
        var next = await harness.Coordinator.StartAsync("after-oom", TinyRun(seed: 4, maxSteps: 5), CancellationToken.None);

        var failed = await harness.WaitForFinishAsync(victim, Patience);
        Assert.Equal(RunStatus.Failed, failed.Status);
        Assert.Equal("Ran out of memory at step 8 on cpu (training step); reduce batch tokens (Training.TokensPerBatch) or model size.", failed.Message);
        Assert.Equal(7, failed.LastStep);
        var checkpoints = Path.Combine(harness.RunDirectoryOf(victim), "checkpoints");
        Assert.NotEmpty(Directory.EnumerateFiles(checkpoints, "*", SearchOption.AllDirectories));

        var queries = new RunQueries(harness.Database.Factory);
        Assert.Equal(Enumerable.Range(1, 7), (await queries.GetMetricsAsync(victim, CancellationToken.None)).Where(p => p.Name == MetricNames.TrainLoss).Select(p => p.Step));

        // The app goes on: the run queued behind it completes.
        var after = await harness.WaitForFinishAsync(next, Patience);
        Assert.Equal(RunStatus.Completed, after.Status);
        Assert.NotNull(after.TestBleu);

        // A retry continues from the step-5 checkpoint; the curve has every step once.
        Assert.True((await harness.Queue.RetryAsync(victim, CancellationToken.None)).Succeeded);
        var retried = await harness.WaitForFinishAsync(victim, Patience);
        Assert.Equal(RunStatus.Completed, retried.Status);
        Assert.Equal(1, retried.Attempt);
        Assert.Equal(Enumerable.Range(1, 12), (await queries.GetMetricsAsync(victim, CancellationToken.None)).Where(p => p.Name == MetricNames.TrainLoss).Select(p => p.Step));
        Assert.Equal(1, faults.Thrown);
    }

    [Theory]
    [InlineData("CUDA out of memory. Tried to allocate 2.00 MiB (GPU 0; 5.93 GiB total capacity)")]
    [InlineData("[enforce fail at CPUAllocator.cpp:64] . DefaultCPUAllocator: can't allocate memory: you tried to allocate 10230727680 bytes. Error code 12 (Cannot allocate memory)")]
    [InlineData("DefaultCPUAllocator: not enough memory: you tried to allocate 28016643 bytes.")]
    public void Libtorch_allocation_failures_are_recognised(string message)
    {
        Assert.True(OutOfMemoryDetection.IsOutOfMemory(new ExternalException(message)));
        Assert.True(OutOfMemoryDetection.IsOutOfMemory(new InvalidOperationException("wrapped", new ExternalException(message))));
    }

    [Fact]
    public void Other_failures_are_not_taken_for_out_of_memory()
    {
        Assert.False(OutOfMemoryDetection.IsOutOfMemory(new ExternalException("shape '[2, 3]' is invalid for input of size 7")));
        Assert.False(OutOfMemoryDetection.IsOutOfMemory(new InvalidOperationException("The loss became NaN at step 3")));
    }

    /// <summary>Throws once, before the given training step, like an allocator that has just run dry.</summary>
    private sealed class OneShotFault(int step, Func<Exception> fault) : ITrainingFaultInjector
    {
        private int thrown;

        public int Thrown => thrown;

        public void BeforeStep(int step1)
        {
            if (step1 == step && Interlocked.CompareExchange(ref thrown, 1, 0) == 0)
            {
                throw fault();
            }
        }

        public void BeforeEvaluation(int step1)
        {
        }
    }
}
