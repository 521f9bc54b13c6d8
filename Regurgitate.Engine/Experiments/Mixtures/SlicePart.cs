namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// One part of a training set drawn from its own slice of sources (see <see cref="MixtureConfig.Parts"/>): <see cref="Size"/>
/// pairs whose sources the set <see cref="Slice"/> holds (a slice's human references), with their human target when
/// <see cref="Origin"/> is <see cref="MixtureComposer.RealOrigin"/>, otherwise with the target of the set
/// <see cref="Origin"/> names (a generator's translation of that slice).
/// </summary>
public sealed record SlicePart(string Slice, string Origin, int Size)
{
    public bool IsReal => Origin == MixtureComposer.RealOrigin;
}
