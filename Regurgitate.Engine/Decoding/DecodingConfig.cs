using System.ComponentModel.DataAnnotations;
using Regurgitate.Engine.Modeling;
using Regurgitate.Engine.Training;
using static TorchSharp.torch;

namespace Regurgitate.Engine.Decoding;

/// <summary>
/// How a model's translations are produced. The defaults are beam search with 5 beams and fairseq's length
/// normalisation (<c>score / length^1.0</c>); <see cref="Greedy"/> is the cheap setting for dev-set curves.
/// Output length is limited to <c>ceil(MaxLengthRatio · source length) + MaxLengthOffset</c> subword tokens (EOS not
/// counted), capped by the model's positions.
/// </summary>
public sealed record DecodingConfig
{
    public DecodingStrategy Strategy { get; init; } = DecodingStrategy.Beam;

    /// <summary>Hypotheses kept per sentence (beam search only).</summary>
    [Range(1, 64)] public int BeamSize { get; init; } = 5;

    /// <summary>
    /// Exponent α of the length normalisation of finished beam hypotheses, as in fairseq: the summed token
    /// log-probability (EOS included) is divided by <c>|y|^α</c>, where |y| counts the output tokens plus EOS.
    /// 0 ranks by raw log-probability (favours short outputs); 1 by mean log-probability per token.
    /// </summary>
    [Range(0.0, 5.0)] public double LengthPenalty { get; init; } = 1.0;

    [Range(0.0, 100.0, MinimumIsExclusive = true)] public double MaxLengthRatio { get; init; } = 1.5;
    [Range(0, 4096)] public int MaxLengthOffset { get; init; } = 10;

    /// <summary>Source sentences decoded together (beam search decodes sentences × beams rows at once).</summary>
    [Range(1, 4096)] public int SentencesPerBatch { get; init; } = 64;

    /// <summary>Greedy decoding with the default length limits.</summary>
    public static DecodingConfig Greedy => new() { Strategy = DecodingStrategy.Greedy };

    /// <summary>Beam search with <paramref name="beamSize"/> beams and the default length penalty.</summary>
    public static DecodingConfig Beam(int beamSize = 5) => new() { Strategy = DecodingStrategy.Beam, BeamSize = beamSize };

    /// <summary>A short description such as "greedy" or "beam 5, length penalty 1".</summary>
    public string Describe() => Strategy == DecodingStrategy.Greedy
        ? "greedy"
        : FormattableString.Invariant($"beam {BeamSize}, length penalty {LengthPenalty:0.##}");

    /// <summary>The decoder this configuration describes, for <paramref name="model"/> on <paramref name="device"/>.</summary>
    public ITranslationDecoder CreateDecoder(TranslationTransformer model, SpecialTokenIds special, Device device) => Strategy switch
    {
        DecodingStrategy.Greedy => new GreedyDecoder(model, special, device)
        {
            MaxLengthRatio = MaxLengthRatio,
            MaxLengthOffset = MaxLengthOffset,
            SentencesPerBatch = SentencesPerBatch,
        },
        DecodingStrategy.Beam => new BeamSearchDecoder(model, special, device)
        {
            BeamSize = BeamSize,
            LengthPenalty = LengthPenalty,
            MaxLengthRatio = MaxLengthRatio,
            MaxLengthOffset = MaxLengthOffset,
            SentencesPerBatch = SentencesPerBatch,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(Strategy), Strategy, "Unknown decoding strategy."),
    };
}
