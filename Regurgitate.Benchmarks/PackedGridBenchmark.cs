using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;
using Regurgitate.Workbench.Runs;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Wall time of a whole grid with today's placement (packing off: one run at a time with the spec's threads, every core
/// when it sets none) and packed (<c>Regurgitate:Runs:Packing</c>, auto by default), one after the other in this
/// process, each in a fresh database; then the ratio and whether every run's test BLEU is the same in both. Generator
/// runs and their translations are part of both walls.
/// </summary>
internal static class PackedGridBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var specFile = BenchmarkOptions.Option(args, "--spec", Path.Combine("specs", "real-vs-low-generator.json"));
        var packing = BenchmarkOptions.Option(args, "--packing", "auto");
        var spec = Shrink(ExperimentSpecJson.Parse(await File.ReadAllTextAsync(specFile), specFile), args);
        Console.WriteLine($"{spec.Name}: sizes {string.Join(",", spec.Sizes)}, seeds {string.Join(",", spec.Seeds)}, test {spec.TestSize}, dev {spec.DevSize}; {Environment.ProcessorCount} cores");

        // The grid that goes first also pays for the JIT and a cold file cache; --packed-first swaps the order to see how much.
        var packedFirst = args.Contains("--packed-first");
        Dictionary<string, string?> todaySettings = new() { ["Regurgitate:Runs:Packing"] = "off", ["Regurgitate:Runs:MaxConcurrentRuns"] = "1" };
        Dictionary<string, string?> packedSettings = new() { ["Regurgitate:Runs:Packing"] = packing };
        var (first, firstWall) = await TimedAsync(spec, packedFirst ? packedSettings : todaySettings);
        var (second, secondWall) = await TimedAsync(spec, packedFirst ? todaySettings : packedSettings);
        var (today, todayWall, packed, packedWall) = packedFirst ? (second, secondWall, first, firstWall) : (first, firstWall, second, secondWall);
        Console.WriteLine($"today's placement (one at a time, threads {(spec.Training.Threads > 0 ? spec.Training.Threads : "all")}): {todayWall:hh\\:mm\\:ss}");
        Console.WriteLine($"packed ({packing}): {packedWall:hh\\:mm\\:ss}{(packedFirst ? " (ran first)" : "")}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio packed/today: {packedWall / todayWall:F2} (goal <= 0.70)"));

        var identical = today.Count == packed.Count;
        var sameCurves = identical;
        foreach (var (run, other) in today.Zip(packed))
        {
            var same = run.Key == other.Key && run.Bleu == other.Bleu;
            var curve = run.Loss.SequenceEqual(other.Loss);
            identical &= same;
            sameCurves &= curve;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {run.Key}: BLEU {run.Bleu:R} / {other.Bleu:R}{(same ? "" : "  DIFFERS")}; last loss {run.Loss.LastOrDefault():R} / {other.Loss.LastOrDefault():R}{(curve ? "" : "  loss curve DIFFERS")}"));
        }

        Console.WriteLine($"BLEU per run identical: {(identical ? "yes" : "no")}; training-loss curves identical: {(sameCurves ? "yes" : "no")}");
        return 0;
    }

    /// <summary>Optional smaller grid for a quick check: --sizes 100,200 --seeds 1 --test-size 50 --dev-size 20 --epochs 1 --generator-size 200 --warmup 1.</summary>
    private static ExperimentSpec Shrink(ExperimentSpec spec, string[] args)
    {
        static int[]? List(string[] args, string name) =>
            BenchmarkOptions.Option(args, name, "") is { Length: > 0 } text ? [.. text.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] : null;
        static int? Number(string[] args, string name) =>
            BenchmarkOptions.Option(args, name, "") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

        var epochs = BenchmarkOptions.Option(args, "--epochs", "") is { Length: > 0 } e ? double.Parse(e, CultureInfo.InvariantCulture) : (double?)null;
        var generatorSize = Number(args, "--generator-size");
        var warmup = Number(args, "--warmup");
        return spec with
        {
            Name = spec.Name + " (packed-grid benchmark)",
            Sizes = List(args, "--sizes") ?? spec.Sizes,
            Seeds = List(args, "--seeds") ?? spec.Seeds,
            TestSize = Number(args, "--test-size") ?? spec.TestSize,
            DevSize = Number(args, "--dev-size") ?? spec.DevSize,
            Training = spec.Training with { Epochs = epochs ?? spec.Training.Epochs, WarmupSteps = warmup ?? spec.Training.WarmupSteps },
            Generators = [.. spec.Generators.Select(g => g with
            {
                TrainSize = generatorSize ?? g.TrainSize,
                Training = g.Training with { Epochs = epochs ?? g.Training.Epochs, WarmupSteps = warmup ?? g.Training.WarmupSteps },
            })],
        };
    }

    private static async Task<(List<(string Key, double? Bleu, List<double> Loss)> Runs, TimeSpan Wall)> TimedAsync(ExperimentSpec spec, Dictionary<string, string?> settings)
    {
        var clock = Stopwatch.StartNew();
        var runs = await GridAsync(spec, settings);
        return (runs, clock.Elapsed);
    }

    private static async Task<List<(string Key, double? Bleu, List<double> Loss)>> GridAsync(ExperimentSpec spec, Dictionary<string, string?> settings)
    {
        using var workbench = new ToyWorkbenchHost();
        // Quiet but for each run's placement (the engine's log line).
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Regurgitate.Engine.Experiments.RunExecutor"] = "Information";
        using var host = workbench.Build(settings);
        await host.StartAsync();
        try
        {
            var service = host.Services.GetRequiredService<IExperimentService>();
            var id = await service.CreateAsync(spec, CancellationToken.None);
            var report = await service.RunToCompletionAsync(id, null, CancellationToken.None);
            if (report.Status != ExperimentStatus.Finished)
            {
                throw new InvalidOperationException($"The grid did not finish: {report.Message}");
            }

            var detail = (await host.Services.GetRequiredService<IExperimentQueries>().GetAsync(id, CancellationToken.None))!;
            var queries = host.Services.GetRequiredService<IRunQueries>();
            var runs = new List<(string, double?, List<double>)>();
            foreach (var r in detail.Runs.Where(r => r.Role == RunRole.Grid).OrderBy(r => r.Condition).ThenBy(r => r.TrainSize).ThenBy(r => r.Seed))
            {
                var loss = (await queries.GetMetricsAsync(r.RunId, CancellationToken.None)).Where(p => p.Name == MetricNames.TrainLoss).OrderBy(p => p.Step).Select(p => p.Value).ToList();
                runs.Add(($"{r.Condition} {r.TrainSize} seed {r.Seed}", r.TestBleu, loss));
            }

            return runs;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
