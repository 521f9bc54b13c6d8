using System.Diagnostics;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Corpus BLEU + chrF on the 100,000-segment set of shared/bench/make_metric_bench.py (generated into a temporary
/// folder, never the repository), then a paired bootstrap (1,000 resamples) of two systems on it.
/// </summary>
internal static class MetricsBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var dir = BenchmarkOptions.Option(args, "--set", Path.Combine(Path.GetTempPath(), "regurgitate-metric-bench"));
        if (!File.Exists(Path.Combine(dir, "hyp.txt")))
        {
            var script = Path.Combine(SharedFolders.Root, "bench", "make_metric_bench.py");
            using var python = Process.Start(new ProcessStartInfo("python3", [script, dir]) { UseShellExecute = false })
                ?? throw new InvalidOperationException("python3 did not start.");
            await python.WaitForExitAsync();
            if (python.ExitCode != 0)
            {
                Console.Error.WriteLine($"{script} failed ({python.ExitCode}).");
                return 1;
            }
        }

        var total = Stopwatch.StartNew();
        var refs = await TextLines.ReadAllAsync(Path.Combine(dir, "ref.txt"));
        var hyps = await TextLines.ReadAllAsync(Path.Combine(dir, "hyp.txt"));
        var read = total.Elapsed;
        IReadOnlyList<IReadOnlyList<string?>> streams = [refs];

        var watch = Stopwatch.StartNew();
        var bleu = new BleuMetric().CorpusScore(hyps, streams);
        var bleuTime = watch.Elapsed;
        watch.Restart();
        var chrf = new ChrFMetric().CorpusScore(hyps, streams);
        var chrfTime = watch.Elapsed;
        var wall = total.Elapsed;
        Console.WriteLine($"segments: {hyps.Count:N0}; read both files {read.TotalSeconds:F2} s");
        Console.WriteLine($"{bleu.Format(withSignature: true)}   {bleuTime.TotalSeconds:F2} s");
        Console.WriteLine($"{chrf.Format(withSignature: true)}   {chrfTime.TotalSeconds:F2} s");
        Console.WriteLine($"BLEU + chrF wall (incl. reading): {wall.TotalSeconds:F2} s (target <= 4 s; sacreBLEU 2.6: 40.8 s)");
        Console.WriteLine($"peak working set so far: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; managed heap {GC.GetTotalMemory(false) / (1 << 20):N0} MiB");

        // Paired bootstrap: the perturbed set as the baseline against a second system (every third segment replaced by its reference).
        var better = hyps.Select((h, i) => i % 3 == 0 ? refs[i] : h).ToList();
        watch.Restart();
        var systems = new[] { hyps, better }
            .Select((s, i) => new PairedSystem(i == 0 ? "baseline" : "better", [new BleuMetric().CorpusStatistics(s, streams), new ChrFMetric().CorpusStatistics(s, streams)]))
            .ToList();
        var statsTime = watch.Elapsed;
        watch.Restart();
        var report = PairedSignificance.PairedBootstrap(systems, 1000);
        var bsTime = watch.Elapsed;
        Console.WriteLine($"paired bootstrap, 2 systems x (BLEU, chrF), 1,000 resamples: statistics {statsTime.TotalSeconds:F2} s + resampling {bsTime.TotalSeconds:F2} s");
        foreach (var system in report.Systems)
        {
            Console.WriteLine($"  {system.Name}: " + string.Join("; ", system.Metrics.Select((m, k) =>
                $"{report.MetricNames[k]} {m.Score:F2} (μ {m.Mean:F2} ± {m.ConfidenceHalfWidth:F2}){(m.PValue is { } p ? $" p = {p:F4}" : "")}")));
        }

        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB; GC total allocated {GC.GetTotalAllocatedBytes() / (1 << 20):N0} MiB");
        return 0;
    }
}
