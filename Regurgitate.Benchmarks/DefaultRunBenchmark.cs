using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Generation;

namespace Regurgitate.Benchmarks;

/// <summary>The dashboard's default experiment (<c>new RunConfig()</c>) end to end, with the time spent in each phase.</summary>
internal static class DefaultRunBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var shared = BenchmarkOptions.Option(args, "--shared", SharedFolders.Root);
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = Path.Combine(shared, "data") }, Directory.GetCurrentDirectory());
        var runner = new RunExecutor(new CorpusLoader(catalog), new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance);
        var directory = Path.Combine(Path.GetTempPath(), "regurgitate-default-run-" + Guid.NewGuid().ToString("N"));
        var clock = Stopwatch.StartNew();
        var lastPhase = clock.Elapsed;
        RunPhase? phase = null;
        try
        {
            await foreach (var e in runner.RunAsync(new RunConfig(), directory, CancellationToken.None))
            {
                switch (e)
                {
                    case PhaseChanged p when p.Phase != phase:
                        Console.WriteLine($"{clock.Elapsed:mm\\:ss} {p.Phase}: {p.Message}");
                        phase = p.Phase;
                        break;
                    case RunStarted s:
                        Console.WriteLine($"{clock.Elapsed:mm\\:ss} started on {s.Device}: {s.TrainPairs} train pairs, vocabulary {s.VocabularySize}, {s.Parameters / 1e6:F1} M parameters");
                        break;
                    case StepCompleted s when s.Step % 100 == 0:
                        Console.WriteLine($"{clock.Elapsed:mm\\:ss} step {s.Step}: loss {s.Loss:F3}, {s.TokensPerSecond:F0} tok/s, ETA {s.Eta:mm\\:ss}");
                        break;
                    case EvaluationCompleted v:
                        Console.WriteLine($"{clock.Elapsed:mm\\:ss} {v.Split} step {v.Step}: BLEU {v.Bleu:F2} chrF {v.ChrF:F2} ({v.BleuSignature})");
                        break;
                    case RunFinished f:
                        Console.WriteLine($"{clock.Elapsed:mm\\:ss} {f.Outcome} {f.Message} in {f.Elapsed}");
                        return f.Outcome == RunOutcome.Completed ? 0 : 1;
                }
            }

            return 1;
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
