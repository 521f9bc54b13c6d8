using System.Text.Json.Serialization;
using Regurgitate.Engine.Decoding;
using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// A whole experiment as the study designs them: one real source pool and held-out test set; training sizes; real
/// fractions; synthetic sources (each one generator or a weighted mix); seeds. Expanding it (see
/// <see cref="ExperimentGrid"/>) gives one run per size × condition × seed. Stored as JSON with a versioned schema.
/// </summary>
public sealed record ExperimentSpec
{
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public string Name { get; init; } = "";
    public string? Description { get; init; }

    /// <summary>Catalog corpus whose training pool provides every source, and whose dev/test sets evaluate every run.</summary>
    public string CorpusId { get; init; } = "multi30k";
    public int DevSize { get; init; } = 200;
    public int TestSize { get; init; } = 1_000;

    /// <summary>Fixes dev and test for all runs, whatever their training seed.</summary>
    public int SplitSeed { get; init; } = 1;

    /// <summary>Training-set sizes in pairs: the x axis of the learning curve.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [1_000, 2_000, 4_000];

    /// <summary>Shares of real pairs; 1 is the all-real baseline, 0 pure regurgitative training.</summary>
    public IReadOnlyList<double> RealFractions { get; init; } = [1.0, 0.0];

    /// <summary>Where synthetic targets come from: published system outputs, local generators of this spec, or mixes.</summary>
    public IReadOnlyList<SyntheticSourceSpec> SyntheticSources { get; init; } = [];

    /// <summary>Local models to train and let translate the pool before the grid runs (the paper's low/high-performance generators).</summary>
    public IReadOnlyList<LocalGeneratorSpec> Generators { get; init; } = [];

    /// <summary>
    /// A model to pretrain once and fine-tune in every grid run (<see cref="RunConfig.InitFrom"/>); its tokenizer is the
    /// experiment's. Null: every run starts from random weights. Not written when null, so specs without it read and
    /// write exactly as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PretrainSpec? Pretrain { get; init; }

    /// <summary>
    /// Fine-tune every grid point on a hosted model (the study's own setting) instead of training here. Null: runs
    /// train here. Not written when null, so specs without it read and write exactly as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public HostedFineTuningSpec? Hosted { get; init; }

    /// <summary>Orders in which synthetic pairs enter training; empty: random order only (plain regurgitative training).</summary>
    public IReadOnlyList<StrategySpec> Strategies { get; init; } = [];

    /// <summary>Held-out sources and scorer models for the ordered strategies.</summary>
    public MitigationSettings Mitigation { get; init; } = new();

    /// <summary>One run per seed at every point; three by default, the fewest the seed plan can work with sensibly.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>
    /// Fixes the seed that draws every training set, so that <see cref="Seeds"/> vary only initialisation, dropout and
    /// batch order (the spread over seeds is then training randomness alone). Null: each seed draws its own data.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? DataSeed { get; init; }

    /// <summary>
    /// Fixes the seed of initialisation, dropout and batch order, so that <see cref="Seeds"/> vary only which pairs are
    /// drawn. Null: each seed initialises its own model.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? InitSeed { get; init; }

    /// <summary>
    /// What training sets do with sources a generator failed to translate. Drop-everywhere (the default, and what
    /// specs written before this field did) removes them from every condition, the all-real one included.
    /// </summary>
    public FailurePolicy Failures { get; init; } = FailurePolicy.DropEverywhere;
    public TokenizerSharing Tokenizer { get; init; } = TokenizerSharing.Shared;
    public ModelConfig Model { get; init; } = ModelConfig.Small;
    public TrainingConfig Training { get; init; } = new() { Epochs = 10, MaxSteps = 100_000, EvaluateEvery = 100_000 };

    /// <summary>
    /// Steps or tokens matched to the all-real run of each size and seed (see <see cref="TrainingBudgets"/>). A spec
    /// without the field predates budgets and keeps <see cref="TrainingBudget.Epochs"/>, which is also left out when
    /// writing, so such specs read and write exactly as before; new specs (templates, designer) choose matched steps.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TrainingBudget Budget { get; init; }

    /// <summary>How every grid run translates the test set (beam 5 by default, as the final scores of a paper should be).</summary>
    public DecodingConfig TestDecoding { get; init; } = new();

    /// <summary>
    /// The human references every grid run's test score uses: <c>one</c> (reference A, the default and what specs
    /// written before the field did) or <c>all</c> (A and B where the corpus has a second reference: signatures show
    /// <c>nrefs:2</c>). Left out when writing the default, so older specs read and write as before.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public TestReferences References { get; init; }
}
