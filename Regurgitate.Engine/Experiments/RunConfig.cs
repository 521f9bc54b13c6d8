using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// Everything that determines a training run. Serialised as JSON with the run so that any run can be
/// reproduced exactly; every field has a default that gives the dashboard's default experiment.
/// </summary>
public sealed record RunConfig
{
    /// <summary>Id of a corpus in the catalog (see <see cref="Data.CorpusCatalog"/>).</summary>
    [Required] public string CorpusId { get; init; } = "multi30k";

    [Range(16, 10_000_000)] public int TrainSize { get; init; } = 29_000;
    [Range(8, 100_000)] public int DevSize { get; init; } = 200;
    [Range(8, 100_000)] public int TestSize { get; init; } = 1_000;

    /// <summary>Seed for data sampling, parameter initialisation, dropout and batching, unless one of these is fixed below.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>
    /// Seed that draws the training set from the pool when it must not follow <see cref="Seed"/> (an experiment that
    /// fixes its data). Null means <see cref="Seed"/>; written to JSON only when set, so older configurations still match.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DataSeed { get; init; }

    /// <summary>Seed of initialisation, dropout and batch order when it must not follow <see cref="Seed"/>; null means <see cref="Seed"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? InitSeed { get; init; }

    // Derived, hence not written: a run directory's config.json must stay byte-identical for the run to resume.
    [JsonIgnore]
    public int EffectiveDataSeed => DataSeed ?? Seed;

    [JsonIgnore]
    public int EffectiveInitSeed => InitSeed ?? Seed;

    /// <summary>
    /// Seed of the dev/test split when it must not vary with <see cref="Seed"/>: runs of one experiment share their
    /// test set across training seeds. Null means <see cref="Seed"/>.
    /// </summary>
    public int? SplitSeed { get; init; }

    /// <summary>Real and synthetic composition of the training set; all real by default.</summary>
    public MixtureConfig Mixture { get; init; } = new();

    /// <summary>
    /// Folder of an already learned tokenizer (vocab.json + merges.txt) to use instead of learning one from this run's
    /// training data; runs of one experiment share a tokenizer so that their scores compare.
    /// </summary>
    public string? TokenizerDirectory { get; init; }

    public int EffectiveSplitSeed => SplitSeed ?? Seed;

    /// <summary>
    /// A pretrained model to start from instead of random weights: a completed run's directory (its newest intact
    /// checkpoint) or one checkpoint file in a run's <c>checkpoints/</c> folder. Only the weights are taken, not the
    /// optimiser state or the step count, so the learning-rate schedule, warm-up and budget apply as from scratch; the
    /// run uses the pretrained run's tokenizer and must have its architecture (see <see cref="PretrainedCheckpoint"/>).
    /// A resumed run continues from its own checkpoint. Null (random initialisation) is not written, so configurations
    /// from before the field serialise exactly as before (a run directory's config.json must match to resume).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? InitFrom { get; init; }

    /// <summary>
    /// Fine-tune a hosted model on this run's training set instead of training one here (a grid point of a spec with a
    /// <c>hosted</c> section, resolved against the configuration when the run was queued; see
    /// <see cref="Hosted.HostedRunExecutor"/>). With <c>Training.MaxSteps</c> 0 the run only scores the base model (the
    /// size-0 point). Connection, key, prices and budget are never part of it: they stay in the configuration. Null (a
    /// run trained here) is not written, so configurations from before the field serialise exactly as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Design.HostedFineTuningSpec? Hosted { get; init; }

    public ModelConfig Model { get; init; } = ModelConfig.Small;
    public TrainingConfig Training { get; init; } = new();

    /// <summary>
    /// Decoding of the dev set at every evaluation (the BLEU/chrF curves). Greedy by default: it runs many times
    /// during training and only has to show the trend.
    /// </summary>
    public DecodingConfig DevDecoding { get; init; } = DecodingConfig.Greedy;

    /// <summary>Decoding of the test set for the final score: beam search with 5 beams and length penalty 1 by default.</summary>
    public DecodingConfig TestDecoding { get; init; } = new();

    /// <summary>
    /// The human references that score the test set: reference A alone, or all the corpus has (see
    /// <see cref="Data.CorpusDescriptor.HasSecondReference"/>). Written to JSON only when not the default, so that
    /// configurations from before the choice existed serialise exactly as before (a run directory must match to resume).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TestReferences References { get; init; }

    /// <summary>
    /// The run learns English→German: every training, dev and test pair is swapped after the training set is
    /// composed (so a mixture still draws its synthetic English targets for real German sources, and the split is the
    /// forward run's). The test files keep their names, so in a reverse run <c>test.src.de</c> holds the English
    /// sources and <c>test.ref.en</c> / <c>test.hyp.en</c> the German references and outputs. Used to train the
    /// back-translation model of round-trip quality scores. Written to JSON only when set, so forward configurations
    /// serialise exactly as before (a run directory's config.json must match for the run to resume).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Reverse { get; init; }

    /// <summary>Reads a run directory's <c>config.json</c>.</summary>
    /// <exception cref="InvalidDataException">The file is empty or not valid JSON (the message names the file).</exception>
    public static RunConfig ReadFile(string configPath)
    {
        try
        {
            return System.Text.Json.JsonSerializer.Deserialize<RunConfig>(File.ReadAllText(configPath))
                ?? throw new InvalidDataException($"Run configuration '{configPath}' is empty.");
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"Run configuration '{configPath}' is not valid JSON: {ex.Message}", ex);
        }
    }
}
