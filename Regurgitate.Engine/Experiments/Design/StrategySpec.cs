namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// How a synthetic condition picks its pairs. Every synthetic source of the spec (one generator, or a weighted mix of
/// several: mitigation 2) is crossed with every strategy that applies to it, so random, quality-ordered and
/// detector-ordered conditions share sizes, seeds, sources and test set.
/// </summary>
public sealed record StrategySpec
{
    /// <summary>Label in condition names, charts and tables ("quality", "detector", …); 1–40 letters, digits, '-' or '_'.</summary>
    public string Name { get; init; } = "random";

    public StrategyOrder Order { get; init; } = StrategyOrder.Random;

    /// <summary>
    /// Quality order only: weight of each reference-free scorer in the combined score ("consensus", "consensus-bleu",
    /// "model", "roundtrip", "signals"); null: consensus, model, round-trip and error signals equally.
    /// </summary>
    public IReadOnlyDictionary<string, double>? Weights { get; init; }

    /// <summary>Ordered strategies: share of each generator's ranking dropped from the bottom (0 keeps all).</summary>
    public double DropBottom { get; init; }

    /// <summary>Labels of the synthetic sources the strategy applies to; empty: all of them.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Reference-free scorers a quality strategy may weigh; the reference-based oracle is for analysis only.</summary>
    public static IReadOnlyList<string> ScorerNames { get; } = ["consensus", "consensus-bleu", "model", "roundtrip", "signals"];

    /// <summary>Weights of a quality strategy, defaults filled in.</summary>
    public IReadOnlyDictionary<string, double> EffectiveWeights =>
        Weights ?? new Dictionary<string, double> { ["consensus"] = 1, ["model"] = 1, ["roundtrip"] = 1, ["signals"] = 1 };

    /// <summary>The unnamed default: random order, labelled by its source alone as before strategies existed.</summary>
    public bool IsPlainRandom => Order == StrategyOrder.Random && DropBottom == 0 && Name.Equals("random", StringComparison.OrdinalIgnoreCase);
}
