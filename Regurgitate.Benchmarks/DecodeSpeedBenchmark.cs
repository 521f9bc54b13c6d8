using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Evaluation;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Events;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Decoding throughput of a trained default-size model (<c>new RunConfig()</c>: ModelConfig.Small, multi30k) on the
/// run's 1,000-sentence test set: the old uncached greedy decoder (re-implemented here as the baseline: full
/// <c>Decode</c> of the whole prefix at every step), cached greedy and beam 5. Trains the default experiment first
/// (300 steps, whose final test evaluation already uses beam 5; the phase time is printed), or reuses a run directory.
/// </summary>
internal static class DecodeSpeedBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var shared = BenchmarkOptions.Option(args, "--shared", SharedFolders.Root);
        var threads = int.Parse(BenchmarkOptions.Option(args, "--threads", "2"), CultureInfo.InvariantCulture);
        var runOption = BenchmarkOptions.Option(args, "--run", "");
        var skipUncached = args.Contains("--skip-uncached");
        var beamBatches = BenchmarkOptions.Option(args, "--beam-batches", "64,16").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = Path.Combine(shared, "data") }, Directory.GetCurrentDirectory());
        var loader = new CorpusLoader(catalog);

        var runDirectory = runOption.Length > 0 ? Path.GetFullPath(runOption) : Path.Combine(Path.GetTempPath(), "regurgitate-decode-speed-" + Guid.NewGuid().ToString("N"));
        var temporary = runOption.Length == 0;
        try
        {
            if (!File.Exists(Path.Combine(runDirectory, TrainedModel.ConfigFileName)))
            {
                Console.WriteLine($"Training the default experiment into {runDirectory}");
                if (!await TrainDefaultRunAsync(catalog, runDirectory))
                {
                    return 1;
                }
            }

            TorchEnvironment.EnsureLoaded();
            set_num_threads(threads);
            using var trained = TrainedModel.FromRunDirectory(runDirectory);
            var config = trained.RunConfig!;
            var splits = await loader.LoadSplitsAsync(SplitRequest.From(config), null, CancellationToken.None);
            var test = splits.Test.Take(int.Parse(BenchmarkOptions.Option(args, "--sentences", "1000"), CultureInfo.InvariantCulture)).ToList();
            var sources = test.Select(p => trained.Tokenizer.Encode(p.Source).ToArray()).ToList();
            IReadOnlyList<IReadOnlyList<string?>> references = [test.Select(p => (string?)p.Target).ToList()];
            Console.WriteLine($"model: {trained.Model.ParameterCount() / 1e6:F1} M parameters, checkpoint step {trained.Step}, {sources.Count} test sentences, {get_num_threads()} threads, torch {__version__}");

            IReadOnlyList<int[]>? uncached = null;
            if (!skipUncached)
            {
                uncached = Measure("greedy, no cache (old path)", sources, references, trained, new UncachedGreedy(trained.Model, trained.Special));
            }

            var greedy = Measure("greedy, cached", sources, references, trained, DecodingConfig.Greedy.CreateDecoder(trained.Model, trained.Special, trained.Device));
            if (uncached is not null)
            {
                Console.WriteLine($"cached greedy equals the old path on {uncached.Where((u, i) => u.SequenceEqual(greedy[i])).Count()} of {sources.Count} sentences");
            }

            foreach (var batch in beamBatches.Where(b => b > 0))
            {
                var beam = new DecodingConfig { SentencesPerBatch = batch };
                Measure($"beam 5, {batch} sentences per batch", sources, references, trained, beam.CreateDecoder(trained.Model, trained.Special, trained.Device));
            }

            return 0;
        }
        finally
        {
            if (temporary && Directory.Exists(runDirectory))
            {
                Directory.Delete(runDirectory, recursive: true);
            }
        }
    }

    private static IReadOnlyList<int[]> Measure(string name, List<int[]> sources, IReadOnlyList<IReadOnlyList<string?>> references, TrainedModel trained, ITranslationDecoder decoder)
    {
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        var rssBefore = self.WorkingSet64;
        var rssPeak = rssBefore;
        var progress = new SynchronousProgress<double>(_ =>
        {
            self.Refresh();
            rssPeak = Math.Max(rssPeak, self.WorkingSet64);
        });
        var clock = Stopwatch.StartNew();
        var outputs = decoder.Translate(sources, progress, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        self.Refresh();
        var hypotheses = outputs.Select(ids => trained.Tokenizer.Decode(ids)).ToList();
        var bleu = new BleuMetric().CorpusScore(hypotheses, references);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            decoder = name,
            sentences = sources.Count,
            seconds = Math.Round(seconds, 2),
            sentences_per_s = Math.Round(sources.Count / seconds, 1),
            output_tokens_per_s = Math.Round(outputs.Sum(o => o.Length + 1) / seconds, 0),
            mean_output_tokens = Math.Round(outputs.Average(o => o.Length), 1),
            bleu = Math.Round(bleu.Score, 2),
            rss_mb_before = rssBefore >> 20,
            rss_mb_peak = rssPeak >> 20,
            rss_mb_after = self.WorkingSet64 >> 20,
        }));
        return outputs;
    }

    private static async Task<bool> TrainDefaultRunAsync(CorpusCatalog catalog, string runDirectory)
    {
        var runner = new RunExecutor(new CorpusLoader(catalog), new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance);
        var clock = Stopwatch.StartNew();
        var testStart = TimeSpan.Zero;
        await foreach (var e in runner.RunAsync(new RunConfig(), runDirectory, CancellationToken.None))
        {
            switch (e)
            {
                case PhaseChanged { Phase: RunPhase.Testing } p:
                    testStart = clock.Elapsed;
                    Console.WriteLine($"{clock.Elapsed:mm\\:ss} {p.Message}");
                    break;
                case EvaluationCompleted v:
                    Console.WriteLine($"{clock.Elapsed:mm\\:ss} {v.Split} step {v.Step}: BLEU {v.Bleu:F2} chrF {v.ChrF:F2}"
                        + (v.Split == EvaluationSplit.Test ? $" (test evaluation took {(clock.Elapsed - testStart).TotalSeconds:F1} s)" : ""));
                    break;
                case RunFinished f:
                    Console.WriteLine($"{clock.Elapsed:mm\\:ss} {f.Outcome} {f.Message} in {f.Elapsed}");
                    return f.Outcome == RunOutcome.Completed;
            }
        }

        return false;
    }

    /// <summary>
    /// The greedy decoder as it was before the incremental state: every step re-decodes the whole prefix of every
    /// sentence of the batch, and a batch runs until all its sentences are done (batch-wide length limit).
    /// </summary>
    private sealed class UncachedGreedy(TranslationTransformer model, SpecialTokenIds special) : ITranslationDecoder
    {
        public IReadOnlyList<int[]> Translate(IReadOnlyList<int[]> sources, IProgress<double>? progress, CancellationToken cancellationToken)
        {
            var results = new int[sources.Count][];
            var order = Enumerable.Range(0, sources.Count).OrderBy(i => sources[i].Length).ToArray();
            model.eval();
            using var noGrad = no_grad();
            foreach (var chunk in order.Chunk(64))
            {
                using var scope = NewDisposeScope();
                var width = chunk.Max(i => sources[i].Length) + 1;
                var ids = new long[chunk.Length * width];
                Array.Fill(ids, special.Pad);
                for (var row = 0; row < chunk.Length; row++)
                {
                    var source = sources[chunk[row]];
                    for (var t = 0; t < source.Length; t++)
                    {
                        ids[(row * width) + t] = source[t];
                    }

                    ids[(row * width) + source.Length] = special.Eos;
                }

                var sourceTensor = tensor(ids, [chunk.Length, width]);
                var mask = model.SourceMask(sourceTensor);
                var memory = model.Encode(sourceTensor, mask);
                var maxLength = Math.Min(model.Config.MaxPositions - 1, (int)Math.Ceiling((width - 1) * 1.5) + 10);
                var generated = full(chunk.Length, 1, special.Bos, dtype: ScalarType.Int64);
                var finished = zeros(chunk.Length, dtype: ScalarType.Bool);
                var pad = tensor((long)special.Pad);
                for (var t = 0; t < maxLength; t++)
                {
                    var next = model.Decode(generated, memory, mask)[TensorIndex.Colon, -1].argmax(-1);
                    next = where(finished, pad, next);
                    generated = cat([generated, next.unsqueeze(1)], 1);
                    finished = finished.logical_or(next.eq(special.Eos));
                    if (finished.all().item<bool>())
                    {
                        break;
                    }
                }

                var flat = generated.data<long>().ToArray();
                var columns = (int)generated.shape[1];
                for (var row = 0; row < chunk.Length; row++)
                {
                    results[chunk[row]] = flat.Skip((row * columns) + 1).Take(columns - 1)
                        .TakeWhile(id => id != special.Eos && id != special.Pad).Select(id => (int)id).ToArray();
                }
            }

            return results;
        }
    }
}
