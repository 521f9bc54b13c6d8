using Regurgitate.Engine.Experiments.Mixtures;

namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// The study's four designs (Zhang et al. 2024, arXiv 2407.12835) as ready-made specs, sized for a small CPU machine:
/// a Tiny Transformer, three training sizes, three seeds, a fixed number of epochs per size so that every size sees its
/// data equally often. Each is a starting point to edit, not a claim to reproduce the paper's numbers.
/// </summary>
public static class ExperimentTemplates
{
    /// <summary>(a) Real data against each synthetic source, at growing training sizes.</summary>
    public const string RealVersusSyntheticKey = "a";

    /// <summary>(b) Real fraction swept from all synthetic to all real at one size.</summary>
    public const string RealFractionSweepKey = "b";

    /// <summary>(c) Data from a low- and a high-performance generator, both trained here.</summary>
    public const string GeneratorQualityKey = "c";

    /// <summary>(d) Iterated generations: each generator learns from the previous one's output.</summary>
    public const string IteratedGenerationsKey = "d";

    /// <summary>(e) The three mitigations against real data and plain regurgitative training.</summary>
    public const string MitigationStrategiesKey = "e";

    /// <summary>(f) Fine-tuning a pretrained model on real vs generated targets.</summary>
    public const string FineTuningKey = "f";

    /// <summary>WMT22 De–En has 1,984 segments in one pool: 200 dev + 400 test leave 1,384 for training.</summary>
    public const int Wmt22DevSize = 200;

    public const int Wmt22TestSize = 400;

    public static IReadOnlyList<int> Wmt22Sizes { get; } = [300, 600, 1_200];

    public static IReadOnlyList<int> Multi30kSizes { get; } = [1_000, 2_000, 4_000];

    /// <summary>
    /// Three at least: a paired t-test over two seeds detects (at 80 % power) only differences of 11.5 times the spread
    /// between seeds, over three already 3.3 times, and two seeds leave the seed plan one degree of freedom per comparison.
    /// </summary>
    public static IReadOnlyList<int> DefaultSeeds { get; } = [1, 2, 3];

    /// <summary>Published outputs on WMT22 that template (a) compares, with short chart labels.</summary>
    public static IReadOnlyList<(string Label, string GeneratorId)> PublishedLlms { get; } =
    [
        ("GPT-4", "wmt22/GPT-4"),
        ("ChatGPT", "wmt22/ChatGPT-gpt-3.5-turbo.zeroshot"),
        ("text-davinci-003", "wmt22/text-davinci-003.zeroshot"),
    ];

    public static IReadOnlyList<double> SweepFractions { get; } = [1.0, 0.75, 0.5, 0.25, 0.0];

    /// <summary>Keys with a title and one sentence each, in the order the designer offers them.</summary>
    public static IReadOnlyList<(string Key, string Title, string Description)> All { get; } =
    [
        (RealVersusSyntheticKey, "(a) Real vs each synthetic source", "WMT22: real targets against GPT-4, ChatGPT and text-davinci-003 outputs at growing sizes."),
        (RealFractionSweepKey, "(b) Real-fraction sweep", "WMT22: 0, 25, 50, 75 and 100 % real pairs (rest GPT-4) at one size."),
        (GeneratorQualityKey, "(c) Low- vs high-performance generator", "Multi30k: data translated by a generator trained on 1,000 pairs and one trained on 10,000."),
        (IteratedGenerationsKey, "(d) Iterated generations", "Multi30k: gen1 learns from real data, gen2 from gen1's output, gen3 from gen2's (replace)."),
        (MitigationStrategiesKey, "(e) Mitigation strategies", "Multi30k: random vs quality-ordered vs detector-ordered synthetic data, and two generators mixed, against real data."),
        (FineTuningKey, "(f) Fine-tuning", "A model pretrained on WMT news, fine-tuned on Multi30k's human targets or a low or high generator's; its own score is the size-0 point."),
    ];

    /// <summary>
    /// Grid runs: a Tiny model for 15 passes of the all-real run (every condition matches its steps), scored once at the
    /// end. The warm-up is part of that budget: the smallest template runs (300 WMT22 pairs) take about 70 steps, and a
    /// warm-up over half of a run's steps is refused, so 30 rather than the default 100.
    /// </summary>
    public static TrainingConfig GridTraining { get; } = new() { Epochs = 15, MaxSteps = 100_000, EvaluateEvery = 100_000, WarmupSteps = 30 };

    /// <summary>Local generators train longer than grid runs: their output quality is what the experiment varies.</summary>
    public static TrainingConfig GeneratorTraining { get; } = new() { Epochs = 20, MaxSteps = 100_000, EvaluateEvery = 100_000 };

    /// <summary>The template with this key (case-insensitive), or null.</summary>
    public static ExperimentSpec? Create(string? key) => key?.Trim().ToLowerInvariant() switch
    {
        RealVersusSyntheticKey => RealVersusSynthetic(),
        RealFractionSweepKey => RealFractionSweep(),
        GeneratorQualityKey => GeneratorQuality(),
        IteratedGenerationsKey => IteratedGenerations(),
        MitigationStrategiesKey => MitigationStrategies(),
        FineTuningKey => FineTuningTemplate.Create(),
        _ => null,
    };

    /// <summary>(a) real vs GPT-4, ChatGPT and text-davinci-003 on WMT22; 4 conditions × 3 sizes × 3 seeds.</summary>
    public static ExperimentSpec RealVersusSynthetic() => Wmt22Base() with
    {
        Name = "(a) real vs LLM outputs, WMT22",
        Description = "Learning curves of models trained on real human translations and on each LLM's translations of the same sources.",
        RealFractions = [1.0, 0.0],
        SyntheticSources = [.. PublishedLlms.Select(s => Source(s.Label, s.GeneratorId))],
    };

    /// <summary>(b) 0/25/50/75/100 % real, rest GPT-4, at 1,200 pairs on WMT22; 5 conditions × 3 seeds.</summary>
    public static ExperimentSpec RealFractionSweep() => Wmt22Base() with
    {
        Name = "(b) real-fraction sweep, WMT22 + GPT-4",
        Description = "How much real data a GPT-4-generated training set needs: real fraction from 0 to 1 at a fixed size.",
        Sizes = [Wmt22Sizes[^1]],
        RealFractions = SweepFractions,
        SyntheticSources = [Source(PublishedLlms[0].Label, PublishedLlms[0].GeneratorId)],
    };

    /// <summary>(c) real vs a generator trained on 1,000 pairs ("low") and one on 10,000 ("high"), Multi30k.</summary>
    public static ExperimentSpec GeneratorQuality() => Multi30kBase() with
    {
        Name = "(c) low- vs high-performance generator, Multi30k",
        Description = "Synthetic data from a weak generator (1,000 training pairs) and a stronger one (10,000), against real data.",
        Generators =
        [
            Generator("low", 1_000, ExperimentGrid.RealCondition, seed: 11),
            Generator("high", 10_000, ExperimentGrid.RealCondition, seed: 12),
        ],
        SyntheticSources = [Source("low", "low"), Source("high", "high")],
    };

    /// <summary>(d) gen1 (real) → gen2 (gen1's output) → gen3 (gen2's output), replace policy, Multi30k.</summary>
    public static ExperimentSpec IteratedGenerations() => Multi30kBase() with
    {
        Name = "(d) iterated generations, Multi30k",
        Description = "Each generation of generator learns only from the previous generation's translations (replace); real data as the reference.",
        Generators =
        [
            Generator("gen1", 2_000, ExperimentGrid.RealCondition, seed: 21),
            Generator("gen2", 2_000, "gen1", seed: 22),
            Generator("gen3", 2_000, "gen2", seed: 23),
        ],
        SyntheticSources = [Source("gen1", "gen1"), Source("gen2", "gen2"), Source("gen3", "gen3")],
    };

    /// <summary>
    /// (e) The study's mitigations on one weak generator's data, Multi30k: synthetic pairs in random order (plain
    /// regurgitative training), best quality first (consensus with a second generator, model score, round-trip and error
    /// signals, no references), most human-like first (a detector trained on held-out sources), and two generators of
    /// equal quality (one recipe, two seeds) each alone and mixed in equal shares, so mixing is judged at the same size
    /// against each of its parts; real data as the reference. The generators translate twice the largest size, so
    /// ordering has a pool to choose from.
    /// </summary>
    public static ExperimentSpec MitigationStrategies() => Multi30kBase() with
    {
        Name = "(e) mitigation strategies, Multi30k",
        Description = "How much of the gap to real data each mitigation closes: quality-ordered, detector-ordered and multi-generator synthetic data against random synthetic data.",
        Sizes = [2_000, 4_000],
        Generators =
        [
            Generator("low", 2_000, ExperimentGrid.RealCondition, seed: 11),
            Generator("low-b", 2_000, ExperimentGrid.RealCondition, seed: 12),
        ],
        SyntheticSources =
        [
            Source("low", "low"),
            Source("low-b", "low-b"),
            new SyntheticSourceSpec { Name = "low + low-b", Generators = [new SyntheticShare("low"), new SyntheticShare("low-b")] },
        ],
        Strategies =
        [
            new StrategySpec(),
            new StrategySpec { Name = "quality", Order = StrategyOrder.Quality, Sources = ["low"] },
            new StrategySpec { Name = "detector", Order = StrategyOrder.Detector, Sources = ["low"] },
        ],
        Mitigation = new MitigationSettings { HeldOutSources = 1_000, ScorerModel = ModelConfig.Tiny, ScorerTraining = GeneratorTraining },
    };

    private static ExperimentSpec Wmt22Base() => new()
    {
        CorpusId = "wmt22",
        DevSize = Wmt22DevSize,
        TestSize = Wmt22TestSize,
        SplitSeed = 1,
        Sizes = Wmt22Sizes,
        Seeds = DefaultSeeds,
        Tokenizer = TokenizerSharing.Shared,
        Model = ModelConfig.Tiny,
        Training = GridTraining,
        Budget = TrainingBudget.MatchedSteps,
    };

    internal static ExperimentSpec Multi30kBase() => new()
    {
        CorpusId = "multi30k",
        DevSize = 200,
        TestSize = 1_000,
        SplitSeed = 1,
        Sizes = Multi30kSizes,
        RealFractions = [1.0, 0.0],
        Seeds = DefaultSeeds,
        Tokenizer = TokenizerSharing.Shared,
        Model = ModelConfig.Tiny,
        Training = GridTraining,
        Budget = TrainingBudget.MatchedSteps,
    };

    internal static SyntheticSourceSpec Source(string name, string generatorId) => new() { Name = name, Generators = [new SyntheticShare(generatorId)] };

    internal static LocalGeneratorSpec Generator(string id, int trainSize, string trainOn, int seed) => new()
    {
        Id = id,
        TrainSize = trainSize,
        TrainOn = trainOn,
        Policy = GenerationPolicy.Replace,
        Seed = seed,
        Model = ModelConfig.Tiny,
        Training = GeneratorTraining,
        BeamSize = 4,
    };
}
