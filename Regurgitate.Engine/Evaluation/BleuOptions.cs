using Regurgitate.Engine.Evaluation.Tokenizers;

namespace Regurgitate.Engine.Evaluation;

/// <summary>Options of <see cref="BleuMetric"/>; the defaults are sacreBLEU's.</summary>
public sealed record BleuOptions
{
    /// <summary>Tokenizer name: "13a" (default), "intl", "char" or "none".</summary>
    public string Tokenize { get; init; } = BleuTokenizers.Mteval13a;

    public bool Lowercase { get; init; }

    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.Exp;

    /// <summary>Value for <see cref="BleuSmoothing.Floor"/> and <see cref="BleuSmoothing.AddK"/>; null takes sacreBLEU's default (0.1, 1).</summary>
    public double? SmoothValue { get; init; }

    public int MaxNgramOrder { get; init; } = 4;

    /// <summary>
    /// Stop at the highest n-gram order the hypothesis has. Null follows sacreBLEU's entry points:
    /// off for corpus scores (<c>corpus_bleu</c>), on for sentence scores (<c>sentence_bleu</c>).
    /// </summary>
    public bool? EffectiveOrder { get; init; }
}
