using System.Globalization;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Training steps of a tiny model while another thread collects garbage and runs finalizers without pause: a scalar
/// handed to libtorch as a temporary (TorchSharp's implicit conversions) can then be finalized during the native call,
/// which fails the step ("Expected false to be true" from c10's Scalar::toFloat) or reads a wrong value. Counts the
/// steps that threw or returned a non-finite loss; the engine keeps its scalars, so the count should be 0.
/// </summary>
internal static class ScalarStressBenchmark
{
    public static Task<int> RunAsync(string[] args)
    {
        var seconds = double.Parse(BenchmarkOptions.Option(args, "--seconds", "120"), CultureInfo.InvariantCulture);
        TorchEnvironment.EnsureLoaded();
        set_num_threads(1);
        var draw = new Random(1);
        int[] Sentence() => [.. Enumerable.Range(0, draw.Next(3, 12)).Select(_ => draw.Next(4, 200))];
        var pairs = Enumerable.Range(0, 400).Select(_ => new EncodedPair(Sentence(), Sentence())).ToList();
        var model = new ModelConfig { VocabSize = 200, DModel = 16, Heads = 2, EncoderLayers = 1, DecoderLayers = 1, FeedForward = 32, Dropout = 0.1, TieEmbeddings = false };
        var training = new TrainingConfig { TokensPerBatch = 64, LearningRate = 5e-4, WarmupSteps = 100 };
        using var random = new TorchRandomStream(0);
        using var transformer = random.Use(() => new TranslationTransformer(model, 200, 0));
        using var trainer = new Seq2SeqTrainer(transformer, training, new SpecialTokenIds(0, 1, 2), CPU, random);
        var batches = new TokenBatchPlanner(pairs, training.TokensPerBatch, seed: 1).PlanEpoch(0);

        using var stop = new CancellationTokenSource();
        var collections = 0L;
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect(0);
                GC.WaitForPendingFinalizers();
                collections++;
            }
        });
        collector.Start();

        int steps = 0, failures = 0;
        string? first = null;
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (!double.IsFinite(trainer.Step(pairs, batches[steps % batches.Count], steps + 1).Loss))
                {
                    failures++;
                    first ??= "a non-finite loss";
                }
            }
            catch (Exception ex) when (ex is System.Runtime.InteropServices.ExternalException or InvalidOperationException)
            {
                failures++;
                first ??= ex.Message.Split('\n')[0];
            }

            steps++;
        }

        stop.Cancel();
        collector.Join();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{steps} training steps in {seconds:F0} s beside {collections} forced collections: {failures} failed{(first is null ? string.Empty : $" (first: {first})")}"));
        return Task.FromResult(failures == 0 ? 0 : 1);
    }
}
