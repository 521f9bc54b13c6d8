using System.Collections.Concurrent;
using System.Reflection;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Tests.TestSupport;
using Regurgitate.Engine.Threading;

namespace Regurgitate.Engine.Tests.Threading;

/// <summary>
/// The engine's parallel loops run on their caller's task scheduler. A <see cref="ParallelOptions"/> made any other way
/// (or a <see cref="Parallel"/> overload without one) uses the thread pool's, which moved the dataset analyses' loops
/// off the workbench's low-priority heavy-work threads onto normal-priority ones beside a training run.
/// </summary>
public sealed class CallerParallelismTests
{
    [Fact]
    public void Every_parallel_loop_of_the_engine_takes_its_options_from_CallerParallelism()
    {
        var offenders = MethodCalls.In(typeof(CallerParallelism).Assembly)
            .Where(c => c.Caller.DeclaringType != typeof(CallerParallelism) && UsesThePoolsScheduler(c.Callee))
            .Select(c => $"{c.Caller.DeclaringType!.FullName}.{c.Caller.Name} calls {c.Callee.DeclaringType!.Name}.{c.Callee.Name}({string.Join(", ", c.Callee.GetParameters().Select(p => p.ParameterType.Name))})")
            .Distinct()
            .Order()
            .ToList();

        Assert.True(offenders.Count == 0, string.Join('\n', offenders));
    }

    [Fact]
    public async Task An_analysis_started_on_another_scheduler_runs_its_loops_there()
    {
        var scheduler = new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, 2).ConcurrentScheduler;
        var schedulers = new ConcurrentBag<TaskScheduler>();
        var references = Enumerable.Range(0, 4_000).Select(i => $"the dog number {i} runs across the meadow .").ToArray();
        var hypotheses = references.Select(r => r.Replace("dog", "cat", StringComparison.Ordinal)).ToArray();

        await Task.Factory.StartNew(
            () => ErrorAnalysis.Analyze(null, references, hypotheses, new ErrorAnalysisOptions { ChunkSize = 10 }, new RecordingProgress(schedulers), CancellationToken.None),
            CancellationToken.None,
            TaskCreationOptions.DenyChildAttach,
            scheduler);

        Assert.Equal(400, schedulers.Count);
        Assert.All(schedulers, current => Assert.Same(scheduler, current));
    }

    private static bool UsesThePoolsScheduler(MethodBase callee) =>
        (callee.DeclaringType == typeof(ParallelOptions) && callee.IsConstructor)
        || (callee.DeclaringType == typeof(Parallel) && !callee.GetParameters().Any(p => p.ParameterType == typeof(ParallelOptions)));

    /// <summary>Records the scheduler each progress report (one per chunk, from inside the loop) was made on.</summary>
    private sealed class RecordingProgress(ConcurrentBag<TaskScheduler> schedulers) : IProgress<double>
    {
        public void Report(double value) => schedulers.Add(TaskScheduler.Current);
    }
}
