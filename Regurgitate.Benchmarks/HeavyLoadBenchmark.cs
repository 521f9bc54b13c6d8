using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using Regurgitate.Workbench.Scheduling;
using static TorchSharp.torch;

namespace Regurgitate.Benchmarks;

/// <summary>
/// A training run's steps/s with nothing else running, then while five users keep starting dataset analyses, once
/// through the <see cref="HeavyWorkScheduler"/> (as the workbench runs them) and once straight on the thread pool (as
/// they ran before it), all in one process; and how long a small page-like request on the thread pool takes meanwhile.
/// </summary>
internal static class HeavyLoadBenchmark
{
    private const int Users = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var data = BenchmarkOptions.Option(args, "--data", SharedFolders.Data);
        var steps = int.Parse(BenchmarkOptions.Option(args, "--steps", "15"), CultureInfo.InvariantCulture);
        var threads = int.Parse(BenchmarkOptions.Option(args, "--threads", "2"), CultureInfo.InvariantCulture);
        var sample = int.Parse(BenchmarkOptions.Option(args, "--analysis-pairs", "4000"), CultureInfo.InvariantCulture);
        var heavyThreads = int.Parse(BenchmarkOptions.Option(args, "--heavy-threads", new HeavyWorkOptions().Threads.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average before: {MachineLoad.Averages()}");

        TorchEnvironment.EnsureLoaded();
        set_num_threads(threads);
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = data }, Directory.GetCurrentDirectory());
        var splits = await new CorpusLoader(catalog).LoadSplitsAsync("multi30k", 29_000, 100, 100, 1, CancellationToken.None);
        var tokenizer = new SubwordTokenizer(new BpeLearner(4_000).Learn(splits.Train.Take(10_000).SelectMany(p => new[] { p.Source, p.Target })));
        var pairs = splits.Train
            .Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)]))
            .Where(p => p.Source.Length is > 0 and <= 100 && p.Target.Length is > 0 and <= 100)
            .ToList();
        var model = new ModelConfig { VocabSize = 4_000, DModel = 256, Heads = 4, EncoderLayers = 3, DecoderLayers = 3, FeedForward = 1024, Dropout = 0.1, TieEmbeddings = false };
        var training = new TrainingConfig { TokensPerBatch = 2_048, LearningRate = 5e-4, WarmupSteps = 4_000 };
        using var random = new TorchRandomStream(0);
        using var transformer = random.Use(() => new TranslationTransformer(model, tokenizer.VocabularySize, tokenizer.PadId));
        using var trainer = new Seq2SeqTrainer(transformer, training, new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId), CPU, random);
        var batches = new TokenBatchPlanner(pairs, training.TokensPerBatch, seed: 1).PlanEpoch(0);
        var step = 0;
        for (; step < 3; step++)
        {
            trainer.Step(pairs, batches[step], step + 1);
        }

        string[] sources = [.. splits.Train.Select(p => p.Source)];
        string[] references = [.. splits.Train.Select(p => p.Target)];
        string[] shifted = [.. references.Skip(1).Append(references[0])];
        DatasetReportResult Analyse(int seed) => DatasetReport.Build(
            sources, new TextSide("human", references), [new TextSide("shifted", shifted)], new DatasetReportOptions { SampleSize = sample, Seed = seed });

        using var scheduler = new HeavyWorkScheduler(Options.Create(new HeavyWorkOptions { Threads = heavyThreads }), TimeProvider.System, NullLogger<HeavyWorkScheduler>.Instance);
        var idle = await PhaseAsync("idle", null);
        var scheduled = await PhaseAsync("5 users, through HeavyWorkScheduler", (seed, token) =>
            scheduler.RunAsync($"analysis|{seed}", (_, _) => Task.FromResult(Analyse(seed)), null, token));
        var pool = await PhaseAsync("5 users, straight on the thread pool (before)", (seed, token) => Task.Run(() => Analyse(seed), token));
        Console.WriteLine($"low-priority heavy-work threads: {scheduler.LowPriorityThreads}; load average after: {MachineLoad.Averages()}");
        foreach (var phase in new[] { scheduled, pool })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{phase.Name}: {phase.StepsPerSecond / idle.StepsPerSecond:P0} of the idle rate, slowest request {phase.SlowestRequestMs:F0} ms, {phase.Analyses} analyses finished"));
        }

        return 0;

        async Task<PhaseResult> PhaseAsync(string name, Func<int, CancellationToken, Task<DatasetReportResult>>? analysis)
        {
            using var stop = new CancellationTokenSource();
            var finished = 0;
            List<Task> users = analysis is null
                ? []
                : [.. Enumerable.Range(0, Users).Select(user => Task.Run(async () =>
                {
                    for (var round = 0; !stop.IsCancellationRequested; round++)
                    {
                        try
                        {
                            await analysis((user * 1_000) + round, stop.Token);
                            Interlocked.Increment(ref finished);
                        }
                        catch (OperationCanceledException)
                        {
                        }
                    }
                }))];
            var latencies = new List<double>();
            var probe = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var clock = Stopwatch.StartNew();
                    await Task.Run(() => references.Take(200).Sum(r => LexicalTokenizer.Tokenize(r).Length));
                    latencies.Add(clock.Elapsed.TotalMilliseconds);
                    await Task.Delay(100);
                }
            });

            // Let the users' analyses get going before timing the steps.
            await Task.Delay(analysis is null ? 0 : 2_000);
            // What the process's garbage collections cost the steps: every collection suspends the training thread
            // whenever it is in managed code, however low the analyses' own priority.
            var pausedBefore = GC.GetTotalPauseDuration();
            var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++, step++)
            {
                trainer.Step(pairs, batches[step % batches.Count], step + 1);
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var paused = GC.GetTotalPauseDuration() - pausedBefore;
            var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
            var allocatedMiB = (GC.GetTotalAllocatedBytes() - allocatedBefore) / 1048576.0;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            await stop.CancelAsync();
            await probe;
            await Task.WhenAll(users);
            var result = new PhaseResult(name, steps / seconds, latencies.Count == 0 ? 0 : latencies.Max(), finished);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                phase = name,
                steps,
                steps_per_s = Math.Round(result.StepsPerSecond, 3),
                requests = latencies.Count,
                request_p50_ms = latencies.Count == 0 ? 0 : Math.Round(OrderStatistics.Percentile(latencies, 50), 1),
                request_max_ms = Math.Round(result.SlowestRequestMs, 1),
                analyses_finished = finished,
                gc_pause_ms = Math.Round(paused.TotalMilliseconds, 0),
                gc_pause_share = Math.Round(paused.TotalSeconds / seconds, 3),
                gc_collections = collections,
                allocated_mib_per_s = Math.Round(allocatedMiB / seconds, 0),
                process_cpu_per_s = Math.Round(cpuSeconds / seconds, 2),
            }));
            return result;
        }
    }

    private sealed record PhaseResult(string Name, double StepsPerSecond, double SlowestRequestMs, int Analyses);
}
