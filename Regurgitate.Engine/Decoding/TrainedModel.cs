using System.Text.Json;
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

        RunConfig config;
        try
        {
            config = JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(configPath))
                ?? throw new InvalidDataException($"Run configuration '{configPath}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Run configuration '{configPath}' is not valid JSON: {ex.Message}", ex);
        }

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

    public void Dispose() => Model.Dispose();
}
