using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Training throughput of the project's real trainer (real multi30k batches, padding masks, label smoothing, clipping,
/// per-step loss read-back) against the PyTorch reference on the same architecture, batch size and threads.
/// </summary>
internal static class TrainingSpeedBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var shared = BenchmarkOptions.Option(args, "--shared", SharedFolders.Root);
        var steps = int.Parse(BenchmarkOptions.Option(args, "--steps", "20"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(BenchmarkOptions.Option(args, "--warmup", "3"), CultureInfo.InvariantCulture);
        var threads = int.Parse(BenchmarkOptions.Option(args, "--threads", "2"), CultureInfo.InvariantCulture);
        var reference = BenchmarkOptions.Option(args, "--reference", Path.Combine(shared, "bench", "pytorch_reference.py"));
        var roundCount = int.Parse(BenchmarkOptions.Option(args, "--rounds", "3"), CultureInfo.InvariantCulture);
        if (roundCount < 1)
        {
            Console.Error.WriteLine($"--rounds must be at least 1 (got {roundCount}).");
            return 2;
        }

        TorchEnvironment.EnsureLoaded();
        set_num_threads(threads);
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = Path.Combine(shared, "data") }, Directory.GetCurrentDirectory());
        var splits = await new CorpusLoader(catalog).LoadSplitsAsync("multi30k", 29_000, 100, 100, 1, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        var tokenizer = new SubwordTokenizer(new BpeLearner(8_000).Learn(splits.Train.SelectMany(p => new[] { p.Source, p.Target })));
        var bpeSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var pairs = splits.Train
            .Select(p => new EncodedPair([.. tokenizer.Encode(p.Source)], [.. tokenizer.Encode(p.Target)]))
            .Where(p => p.Source.Length is > 0 and <= 100 && p.Target.Length is > 0 and <= 100)
            .ToList();
        var encodeSeconds = clock.Elapsed.TotalSeconds;

        var model = new ModelConfig { VocabSize = 8_000, DModel = 256, Heads = 4, EncoderLayers = 3, DecoderLayers = 3, FeedForward = 1024, Dropout = 0.1, TieEmbeddings = false };
        var training = new TrainingConfig { TokensPerBatch = 2_048, LearningRate = 5e-4, WarmupSteps = 4_000 };
        using var random = new TorchRandomStream(0);
        using var transformer = random.Use(() => new TranslationTransformer(model, tokenizer.VocabularySize, tokenizer.PadId));
        using var trainer = new Seq2SeqTrainer(transformer, training, new SpecialTokenIds(tokenizer.PadId, tokenizer.BosId, tokenizer.EosId), CPU, random);
        var batches = new TokenBatchPlanner(pairs, training.TokensPerBatch, seed: 1).PlanEpoch(0);

        for (var i = 0; i < warmup; i++)
        {
            trainer.Step(pairs, batches[i], i + 1);
        }

        var python = "/usr/bin/python3";
        var withReference = File.Exists(reference) && File.Exists(python);
        if (!withReference)
        {
            Console.WriteLine($"PyTorch reference not run ({reference} or {python} missing).");
        }

        // Rounds alternate our timed steps with a reference run, so a slow spell of this shared machine lands on both
        // sides of one round's ratio instead of on one side of the only ratio; the summary is the median round.
        var rounds = new List<Round>();
        for (var round = 0; round < roundCount; round++)
        {
            var first = warmup + (round * steps);
            var ours = TimeOurSteps(trainer, pairs, batches, first, steps, model, tokenizer.VocabularySize);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                impl = "regurgitate",
                round = round + 1,
                torch = __version__,
                threads = get_num_threads(),
                parameters_m = Math.Round(transformer.ParameterCount() / 1e6, 2),
                bpe_8k_seconds = Math.Round(bpeSeconds, 2),
                encode_pairs_per_s = Math.Round(splits.Train.Count / encodeSeconds),
                steps,
                step_ms = Math.Round(ours.StepMs, 1),
                target_tokens_per_batch = ours.Tokens / steps,
                tokens_per_s = Math.Round(ours.TokensPerSecond, 1),
                last_loss = Math.Round(ours.LastLoss, 4),
                step_gflops = Math.Round(ours.StepGflops, 1),
                gemm_gflops = Math.Round(ours.GemmGflops, 1),
                step_share_of_gemm = Math.Round(ours.StepGflops / ours.GemmGflops, 3),
            }));
            double? theirs = null;
            if (withReference)
            {
                var (code, output, error) = await RunAsync(
                    python, reference, "--norm-first", "--threads", threads.ToString(CultureInfo.InvariantCulture), "--steps", steps.ToString(CultureInfo.InvariantCulture), "--warmup", warmup.ToString(CultureInfo.InvariantCulture));
                if (code != 0)
                {
                    Console.WriteLine($"PyTorch reference failed ({code}): {error.Trim()}");
                    return 1;
                }

                Console.WriteLine(output.Trim());
                using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
                theirs = json.RootElement.GetProperty("tokens_per_s").GetDouble();
            }

            rounds.Add(new Round(ours, theirs));
        }

        var shares = rounds.Select(r => r.Ours.StepGflops / r.Ours.GemmGflops).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"step arithmetic: {OrderStatistics.Percentile(shares, 50):P0} of libtorch's fp32 GEMM rate in this process, median of {rounds.Count} rounds (range {shares.Min():P0}–{shares.Max():P0}; GEMM rate at {GemmRate.Size}², {threads} threads, measured after each round's steps; goal 60 %)"));
        if (!withReference)
        {
            return 0;
        }

        var (gemmCode, gemmOutput, gemmError) = await RunAsync(
            python, "-c", GemmRate.PythonScript, threads.ToString(CultureInfo.InvariantCulture), GemmRate.Size.ToString(CultureInfo.InvariantCulture));
        if (gemmCode != 0)
        {
            Console.WriteLine($"PyTorch reference's GEMM rate could not be measured ({gemmCode}): {gemmError.Trim()}; no ratio printed.");
            return 1;
        }

        var theirGemm = double.Parse(gemmOutput.Trim(), CultureInfo.InvariantCulture);
        var check = ReferenceBlasCheck.Judge(theirGemm, OrderStatistics.Percentile([.. rounds.Select(r => r.Ours.GemmGflops)], 50));
        Console.WriteLine(check.Message);
        if (!check.Optimised)
        {
            return 1;
        }

        var ratios = rounds.Select(r => r.Ours.TokensPerSecond / r.Theirs!.Value).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio per round (regurgitate / pytorch reference): {string.Join(", ", ratios.Select(r => $"{r:F2}x"))}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (regurgitate / pytorch reference): {OrderStatistics.Percentile(ratios, 50):F2}x, median of {ratios.Count} rounds (range {ratios.Min():F2}–{ratios.Max():F2}x; goal 1.9x)"));
        return 0;
    }

    private static OurSteps TimeOurSteps(Seq2SeqTrainer trainer, List<EncodedPair> pairs, IReadOnlyList<int[]> batches, int first, int steps, ModelConfig model, int vocabulary)
    {
        long tokens = 0;
        double loss = 0;
        var clock = Stopwatch.StartNew();
        for (var i = first; i < first + steps; i++)
        {
            var result = trainer.Step(pairs, batches[i % batches.Count], i + 1);
            tokens += result.TargetTokens;
            loss = result.Loss;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        double flops = 0;
        for (var i = first; i < first + steps; i++)
        {
            var batch = batches[i % batches.Count];
            flops += TransformerStepFlops.Count(model, vocabulary, batch.Length, batch.Max(p => pairs[p].Source.Length) + 1, batch.Max(p => pairs[p].Target.Length) + 1);
        }

        return new OurSteps(tokens, tokens / seconds, 1000 * seconds / steps, loss, flops / seconds / 1e9, GemmRate.MeasureGflops());
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string fileName, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(fileName, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private sealed record OurSteps(long Tokens, double TokensPerSecond, double StepMs, double LastLoss, double StepGflops, double GemmGflops);

    private sealed record Round(OurSteps Ours, double? Theirs);
}
