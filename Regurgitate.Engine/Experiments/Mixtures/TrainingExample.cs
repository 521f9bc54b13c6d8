using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// A training pair, where its target came from (<see cref="MixtureComposer.RealOrigin"/> or a generator id) and the
/// human reference of its source, which a synthetic target replaced (for a real pair it is the target itself).
/// </summary>
public sealed record TrainingExample(SentencePair Pair, string Origin, string Reference)
{
    public bool IsReal => Origin == MixtureComposer.RealOrigin;

    /// <summary>A pair trained on with its human target.</summary>
    public static TrainingExample Real(SentencePair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return new TrainingExample(pair, MixtureComposer.RealOrigin, pair.Target);
    }
}
