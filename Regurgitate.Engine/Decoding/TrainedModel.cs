using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Tokenization;
using Regurgitate.Engine.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Decoding;

/// <summary>
/// A trained translation model ready to translate text: the Transformer with its checkpoint loaded and the run's
/// tokenizer. Loaded from a run directory (<c>config.json</c>, <c>tokenizer/</c>, newest intact checkpoint in
/// <c>checkpoints/</c>) or from an explicit checkpoint, tokenizer folder and model shape. No UI dependencies; meant
/// for the translate command and for generating synthetic training data.
/// </summary>
public sealed class TrainedModel : IDisposable
{
    public const string ConfigFileName = "config.json";
    public const string TokenizerFolderName = "tokenizer";
    public const string CheckpointsFolderName = "checkpoints";

    private TrainedModel(TranslationTransformer model, SubwordTokenizer tokenizer, Device device, int? step, string checkpointDescription, RunConfig? runConfig)
    {
        Model = model;
        Tokenizer = tokenizer;
        Device = device;
        Step = step;
        Checkpoint = checkpointDescription;
        RunConfig = runConfig;
    }

    public TranslationTransformer Model { get; }
    public SubwordTokenizer Tokenizer { get; }
    public Device Device { get; }

    /// <summary>Training step of the loaded checkpoint, when its file name tells.</summary>
    public int? Step { get; }

    /// <summary>Path of the loaded checkpoint.</summary>
    public string Checkpoint { get; }

    /// <summary>The run's configuration when loaded from a run directory.</summary>
    public RunConfig? RunConfig { get; }

    public SpecialTokenIds Special => new(Tokenizer.PadId, Tokenizer.BosId, Tokenizer.EosId);

    /// <summary>Loads the newest intact checkpoint of the run in <paramref name="runDirectory"/>.</summary>
    /// <param name="device">"auto", "cpu", "cuda" or "cuda:N".</param>
    /// <exception cref="DirectoryNotFoundException">The run directory or its checkpoints folder is missing.</exception>
    /// <exception cref="FileNotFoundException">config.json or a tokenizer file is missing, or no checkpoint is intact.</exception>
    public static TrainedModel FromRunDirectory(string runDirectory, string device = "cpu")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        if (!Directory.Exists(runDirectory))
        {
            throw new DirectoryNotFoundException($"Run directory '{runDirectory}' does not exist.");
        }

        var configPath = Path.Combine(runDirectory, ConfigFileName);
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"Run configuration '{configPath}' does not exist; is '{runDirectory}' a run directory?", configPath);
        }

        var config = RunConfig.ReadFile(configPath);

        var checkpoints = Path.Combine(runDirectory, CheckpointsFolderName);
        if (!Directory.Exists(checkpoints))
        {
            throw new DirectoryNotFoundException($"Checkpoint folder '{checkpoints}' does not exist; the run saved no checkpoint.");
        }

        var tokenizer = SubwordTokenizer.Load(Path.Combine(runDirectory, TokenizerFolderName));
        var resolved = TorchEnvironment.ResolveDevice(device);
        var model = new TranslationTransformer(config.Model, tokenizer.VocabularySize, tokenizer.PadId);
        try
        {
            var step = new CheckpointStore(checkpoints).LoadLatest(model)
                ?? throw new FileNotFoundException($"No intact checkpoint (step-*.pt with a matching .sha256) in '{checkpoints}'.", checkpoints);
            model.to(resolved);
            model.eval();
            return new TrainedModel(model, tokenizer, resolved, step, Path.Combine(checkpoints, $"step-{step:D8}.pt"), config);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Loads an explicit checkpoint file for a model of shape <paramref name="modelConfig"/>.</summary>
    /// <exception cref="FileNotFoundException">The checkpoint or a tokenizer file is missing.</exception>
    /// <exception cref="InvalidDataException">The checkpoint does not match its .sha256 sidecar.</exception>
    public static TrainedModel FromCheckpoint(string checkpointPath, string tokenizerDirectory, ModelConfig modelConfig, string device = "cpu")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(checkpointPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenizerDirectory);
        ArgumentNullException.ThrowIfNull(modelConfig);
        if (!File.Exists(checkpointPath))
        {
            throw new FileNotFoundException($"Checkpoint '{checkpointPath}' does not exist.", checkpointPath);
        }

        var tokenizer = SubwordTokenizer.Load(tokenizerDirectory);
        var resolved = TorchEnvironment.ResolveDevice(device);
        var model = new TranslationTransformer(modelConfig, tokenizer.VocabularySize, tokenizer.PadId);
        try
        {
            var step = CheckpointStore.LoadFile(model, checkpointPath);
            model.to(resolved);
            model.eval();
            return new TrainedModel(model, tokenizer, resolved, step, checkpointPath, null);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Translates German sentences into English, in input order. Empty or whitespace-only sources give "".</summary>
    /// <param name="progress">Fraction of sentences done, 0–1.</param>
    public IReadOnlyList<string> Translate(IReadOnlyList<string> sources, DecodingConfig decoding, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(decoding);
        var encoded = sources.Select(s => string.IsNullOrWhiteSpace(s) ? [] : Tokenizer.Encode(s).ToArray()).ToList();
        var decoder = decoding.CreateDecoder(Model, Special, Device);
        var outputs = decoder.Translate(encoded, progress, cancellationToken);
        return outputs.Select((ids, i) => encoded[i].Length == 0 ? "" : Tokenizer.Decode(ids)).ToList();
    }

    /// <summary>
    /// Mean per-token log-probability of each target given its source under this model: teacher forcing over the
    /// target's subword tokens plus EOS, no label smoothing, evaluation mode (no dropout). The sum of the log-probabilities
    /// is divided by the number of scored tokens (target tokens + 1), so long and short targets compare. Sources longer
    /// than the model's positions are truncated as in decoding; a target whose tokens plus EOS do not fit the model's
    /// positions gives <see cref="double.NaN"/>. Pairs are batched by length (less padding) but results come back in
    /// input order, and a pair's score does not depend on its batch (up to rounding).
    /// </summary>
    /// <param name="batchSize">Pairs per forward pass.</param>
    /// <param name="progress">Fraction of pairs done, 0–1.</param>
    public IReadOnlyList<double> ScoreTargets(IReadOnlyList<string> sources, IReadOnlyList<string> targets, int batchSize = 64, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (sources.Count != targets.Count)
        {
            throw new ArgumentException($"{sources.Count} sources but {targets.Count} targets.", nameof(targets));
        }

        var positions = Model.Config.MaxPositions;
        var results = new double[sources.Count];
        var pairs = new List<EncodedPair>(sources.Count);
        var scorable = new List<int>(sources.Count);
        for (var i = 0; i < sources.Count; i++)
        {
            var source = Encode(sources[i]);
            var target = Encode(targets[i]);
            if (target.Length >= positions)
            {
                results[i] = double.NaN;
                continue;
            }

            pairs.Add(new EncodedPair(source.Length < positions ? source : source[..(positions - 1)], target));
            scorable.Add(i);
        }

        var order = Enumerable.Range(0, pairs.Count)
            .OrderBy(k => pairs[k].Target.Length).ThenBy(k => pairs[k].Source.Length).ToArray();
        var special = Special;
        var wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = no_grad();
            using var pad = special.Pad.ToScalar();
            for (var start = 0; start < order.Length; start += batchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start)).ToArray();
                double[] sums;
                using (NewDisposeScope())
                {
                    using var tensors = BatchTensors.ForTraining(pairs, batch, special, Device);
                    // log_softmax at the target ids only: logit − logsumexp avoids a second [B, T, V] tensor.
                    var logits = Model.forward(tensors.Source, tensors.TargetInput!);
                    var output = tensors.TargetOutput!;
                    var tokens = logits.gather(2, output.unsqueeze(2)).squeeze(2) - logits.logsumexp(-1);
                    var real = output.ne(pad);
                    sums = tokens.masked_fill(real.logical_not(), KeptScalars.Zero).to_type(ScalarType.Float64).sum(1).cpu().data<double>().ToArray();
                }

                for (var row = 0; row < batch.Length; row++)
                {
                    var pair = pairs[batch[row]];
                    results[scorable[batch[row]]] = sums[row] / (pair.Target.Length + 1);
                }

                progress?.Report((double)(start + batch.Length) / order.Length);
            }
        }
        finally
        {
            Model.train(wasTraining);
        }

        if (order.Length == 0)
        {
            progress?.Report(1.0);
        }

        return results;
    }

    public void Dispose() => Model.Dispose();

    private int[] Encode(string text) => string.IsNullOrWhiteSpace(text) ? [] : [.. Tokenizer.Encode(text)];
}
