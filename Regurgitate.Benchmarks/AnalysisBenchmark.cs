using System.Diagnostics;
using System.Globalization;
using Regurgitate.Engine.Analysis;
using Regurgitate.Engine.Data;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Two uses of <see cref="DatasetReport"/>: by default the full report (diversity of both sides, sentence chrF/BLEU/TER
/// errors, reference-free signals, JSD) for 100,000 real German–English pairs against a seeded perturbation of their
/// references (target &lt; 60 s on 2 cores); with <c>--table</c> the WMT22 comparison of human references and
/// published system outputs on the same 1,984 sources, printed as the README's Markdown table.
/// </summary>
internal static class AnalysisBenchmark
{
    private static readonly string[] TableSystems = ["GPT-4", "text-davinci-002.zeroshot", "LT22", "Online-W"];

    public static async Task<int> RunAsync(string[] args)
    {
        var data = BenchmarkOptions.Option(args, "--data", SharedFolders.Data);
        return args.Contains("--table") ? await TableAsync(data, args) : await SpeedAsync(data, args);
    }

    private static async Task<int> TableAsync(string data, string[] args)
    {
        var dir = Path.Combine(data, "wmt22-deen");
        var sources = await TextLines.ReadAllAsync(Path.Combine(dir, "generaltest2022.de-en.src.de"));
        var refA = await TextLines.ReadAllAsync(Path.Combine(dir, "generaltest2022.de-en.ref.A.en"));
        var refB = await TextLines.ReadAllAsync(Path.Combine(dir, "generaltest2022.de-en.ref.B.en"));
        var sides = new List<TextSide> { new("human B", refB.Select(Failed).ToArray()) };
        foreach (var system in BenchmarkOptions.Option(args, "--systems", string.Join(',', TableSystems)).Split(','))
        {
            var lines = await TextLines.ReadAllAsync(Path.Combine(dir, "systems", system + ".en"));
            sides.Add(new TextSide(system, lines.Select(Failed).ToArray()));
        }

        var seed = int.Parse(BenchmarkOptions.Option(args, "--seed", "12345"), CultureInfo.InvariantCulture);
        var report = await DatasetReport.BuildAsync(sources, new TextSide("human A (reference)", refA.Select(Failed).ToArray()), sides,
            new DatasetReportOptions { Seed = seed }, new ConsoleProgress());
        Console.Error.WriteLine();
        Console.WriteLine($"WMT22 general test De→En, {report.SampleSize:N0} pairs per side (aligned: {report.Aligned}), seed {report.Seed}, tokens: {LexicalTokenizer.Description}; {report.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine();
        Console.WriteLine(DatasetReportTable.ToMarkdown(report));
        if (int.TryParse(BenchmarkOptions.Option(args, "--examples", "0"), CultureInfo.InvariantCulture, out var examples) && examples > 0)
        {
            PrintExamples(report, sources, refA, sides, examples);
        }

        return 0;
    }

    /// <summary>The first flagged pairs per signal and side, to check by eye that the heuristics flag real problems.</summary>
    private static void PrintExamples(DatasetReportResult report, IReadOnlyList<string> sources, IReadOnlyList<string> reference, IReadOnlyList<TextSide> sides, int count)
    {
        var flags = new (string Name, Func<PairErrorSignals, bool> Flag)[]
        {
            ("untranslated", s => s.Untranslated), ("non-English", s => s.NonEnglish), ("omission", s => s.Omission),
            ("addition", s => s.Addition), ("number mismatch", s => s.NumberMismatch), ("name mismatch", s => s.NameMismatch),
            ("loop", s => s.Loop),
        };
        foreach (var side in report.Sides.Where(s => s.Errors?.PairSignals is not null))
        {
            var errors = side.Errors!;
            foreach (var (name, flag) in flags)
            {
                var hits = Enumerable.Range(0, errors.Pairs).Where(k => flag(errors.PairSignals![k])).Take(count).ToList();
                foreach (var k in hits)
                {
                    var i = report.SampleIndices![errors.PairIndices[k]];
                    Console.WriteLine($"[{side.Name} / {name}] line {i + 1}, chrF {errors.SentenceChrF[k]:F1}");
                    Console.WriteLine($"  src: {sources[i]}");
                    Console.WriteLine($"  ref: {reference[i]}");
                    Console.WriteLine($"  hyp: {sides.First(s => s.Name == side.Name).Sentences[i]}");
                }
            }
        }
    }

    private static async Task<int> SpeedAsync(string data, string[] args)
    {
        var pairs = int.Parse(BenchmarkOptions.Option(args, "--pairs", "100000"), CultureInfo.InvariantCulture);
        var watch = Stopwatch.StartNew();
        var sources = new List<string>();
        var references = new List<string>();
        foreach (var stem in new[] { "multi30k/train" }.Concat(Enumerable.Range(2008, 11).Select(y => $"newstest-deen/newstest{y}")))
        {
            sources.AddRange(await TextLines.ReadAllAsync(Path.Combine(data, stem + ".de.gz")));
            references.AddRange(await TextLines.ReadAllAsync(Path.Combine(data, stem + ".en.gz")));
        }

        var real = sources.Count;
        for (var i = 0; sources.Count < pairs; i++)
        {
            sources.Add(sources[i]);
            references.Add(references[i]);
        }

        sources.RemoveRange(pairs, sources.Count - pairs);
        references.RemoveRange(pairs, references.Count - pairs);

        // The "system": each reference with 10 % of its words dropped and 10 % replaced by another word of the
        // sentence (as shared/bench/make_metric_bench.py perturbs), so errors and diversity differ measurably.
        var random = new Random(1);
        var hypotheses = references.Select(r =>
        {
            var words = r.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', words.Select(w => random.NextDouble() switch
            {
                < 0.1 => null,
                < 0.2 => words[random.Next(words.Length)],
                _ => w,
            }).Where(w => w is not null));
        }).ToArray();
        var read = watch.Elapsed;
        Console.WriteLine($"{pairs:N0} pairs ({real:N0} distinct real pairs from multi30k train + newstest 2008–2018, repeated); read and perturbed in {read.TotalSeconds:F2} s");

        watch.Restart();
        var report = await DatasetReport.BuildAsync(
            sources, new TextSide("reference", references.ToArray()), [new TextSide("perturbed", hypotheses)],
            new DatasetReportOptions(), new ConsoleProgress());
        Console.Error.WriteLine();
        var elapsed = watch.Elapsed;
        Console.WriteLine($"full report, 2 sides x {report.SampleSize:N0} sentences: {elapsed.TotalSeconds:F2} s (target < 60 s) on {Environment.ProcessorCount} cores");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
        Console.WriteLine();
        Console.WriteLine(DatasetReportTable.ToMarkdown(report));
        return elapsed.TotalSeconds < 60 ? 0 : 1;
    }

    private static string? Failed(string line) => string.IsNullOrWhiteSpace(line) ? null : line;

    /// <summary>Progress on stderr, one line per 5 %, with the elapsed time.</summary>
    private sealed class ConsoleProgress : IProgress<double>
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();
        private readonly Lock gate = new();
        private int printed = -1;

        public void Report(double value)
        {
            var step = (int)(value * 20);
            lock (gate)
            {
                if (step <= printed)
                {
                    return;
                }

                printed = step;
                Console.Error.WriteLine($"  progress {value:P0} after {watch.Elapsed.TotalSeconds:F1} s");
            }
        }
    }
}
