using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

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

        var clock = Stopwatch.StartNew();
        var today = await GridAsync(spec, new() { ["Regurgitate:Runs:Packing"] = "off", ["Regurgitate:Runs:MaxConcurrentRuns"] = "1" });
        var todayWall = clock.Elapsed;
        Console.WriteLine($"today's placement (one at a time, threads {(spec.Training.Threads > 0 ? spec.Training.Threads : "all")}): {todayWall:hh\\:mm\\:ss}");

        clock.Restart();
        var packed = await GridAsync(spec, new() { ["Regurgitate:Runs:Packing"] = packing });
        var packedWall = clock.Elapsed;
        Console.WriteLine($"packed ({packing}): {packedWall:hh\\:mm\\:ss}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio packed/today: {packedWall / todayWall:F2} (goal <= 0.70)"));

        var identical = today.Count == packed.Count;
        foreach (var (run, other) in today.Zip(packed))
        {
            var same = run.Key == other.Key && run.Bleu == other.Bleu;
            identical &= same;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {run.Key}: BLEU {run.Bleu:R} / {other.Bleu:R}{(same ? "" : "  DIFFERS")}"));
        }

        Console.WriteLine($"BLEU per run identical: {(identical ? "yes" : "no")}");
        return 0;
    }

    /// <summary>Optional smaller grid for a quick check: --sizes 100,200 --seeds 1 --test-size 50 --dev-size 20 --epochs 1 --generator-size 200.</summary>
    private static ExperimentSpec Shrink(ExperimentSpec spec, string[] args)
    {
        static int[]? List(string[] args, string name) =>
            BenchmarkOptions.Option(args, name, "") is { Length: > 0 } text ? [.. text.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture))] : null;
        static int? Number(string[] args, string name) =>
            BenchmarkOptions.Option(args, name, "") is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;

        var epochs = BenchmarkOptions.Option(args, "--epochs", "") is { Length: > 0 } e ? double.Parse(e, CultureInfo.InvariantCulture) : (double?)null;
        var generatorSize = Number(args, "--generator-size");
        return spec with
        {
            Name = spec.Name + " (packed-grid benchmark)",
            Sizes = List(args, "--sizes") ?? spec.Sizes,
            Seeds = List(args, "--seeds") ?? spec.Seeds,
            TestSize = Number(args, "--test-size") ?? spec.TestSize,
            DevSize = Number(args, "--dev-size") ?? spec.DevSize,
            Training = epochs is { } grid ? spec.Training with { Epochs = grid } : spec.Training,
            Generators = [.. spec.Generators.Select(g => g with
            {
                TrainSize = generatorSize ?? g.TrainSize,
                Training = epochs is { } pass ? g.Training with { Epochs = pass } : g.Training,
            })],
        };
    }

    private static async Task<List<(string Key, double? Bleu)>> GridAsync(ExperimentSpec spec, Dictionary<string, string?> settings)
    {
        using var workbench = new ToyWorkbenchHost();
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
            return [.. detail.Runs
                .Where(r => r.Role == RunRole.Grid)
                .OrderBy(r => r.Condition).ThenBy(r => r.TrainSize).ThenBy(r => r.Seed)
                .Select(r => ($"{r.Condition} {r.TrainSize} seed {r.Seed}", r.TestBleu))];
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
