using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>A training pair and where its target came from: <see cref="MixtureComposer.RealOrigin"/> or a generator id.</summary>
public sealed record TrainingExample(SentencePair Pair, string Origin)
{
    public bool IsReal => Origin == MixtureComposer.RealOrigin;
}
